package dev.meridian.app;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real fat jar as a child process, on a free port and a given state dir, for integration tests. */
final class BotProcess implements AutoCloseable {
    static final String TOKEN = "it-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path log;
    private final Process process;
    private int port;

    private BotProcess(Path log, Process process) {
        this.log = log;
        this.process = process;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("meridian.jar", "target/meridian.jar"));
        if (!Files.exists(jar)) throw new IllegalStateException("build the jar first: " + jar);
        return jar;
    }

    static void openForTraversal(Path dir) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(dir);
        p.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dir, p);
    }

    /**
     * Writes {@code workDir/conf/meridian.json}: the shipped configuration as {@code change} leaves it
     * (a bot started in {@code workDir} reads it instead of the bundled copy). Returns what was written.
     */
    static io.vertx.core.json.JsonObject writeConf(Path workDir, java.util.function.Consumer<io.vertx.core.json.JsonObject> change)
            throws IOException {
        io.vertx.core.json.JsonObject conf = new io.vertx.core.json.JsonObject(Files.readString(Path.of("conf", "meridian.json")));
        change.accept(conf);
        Files.createDirectories(workDir.resolve("conf"));
        Files.writeString(workDir.resolve("conf").resolve("meridian.json"), conf.encodePrettily());
        return conf;
    }

    static BotProcess start(Path stateDir, Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", jar().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        // Logs outlive the test's temp dir so a failed CI run can be read afterwards.
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path log = Files.createTempFile(logs, "bot-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("MERIDIAN_STATE_DIR", stateDir.toString());
        pb.environment().put("MERIDIAN_TELEMETRY_DIR", stateDir.resolveSibling(stateDir.getFileName() + "-telemetry").toString());
        // Port 0: the bot binds a free port and prints it, so no other process can take it in between.
        pb.environment().put("MERIDIAN_HTTP_PORT", "0");
        pb.environment().put("MERIDIAN_DASHBOARD_TOKEN", TOKEN);
        pb.environment().putAll(env);
        return new BotProcess(log, pb.start());
    }

    private static final java.util.regex.Pattern SERVING = java.util.regex.Pattern.compile("Meridian is serving http://[^:]+:(\\d+)");

    /** The bound port, read from the start-up line; 0 until the bot has printed it. */
    private int port() throws IOException {
        if (port == 0) {
            java.util.regex.Matcher m = SERVING.matcher(logText());
            if (m.find()) port = Integer.parseInt(m.group(1));
        }
        return port;
    }

    /** The bot's address for a browser, e.g. url("/") for the dashboard; the bot must have printed its port. */
    String url(String path) throws IOException {
        if (port() == 0) throw new IllegalStateException("the bot has not printed its port yet");
        return "http://127.0.0.1:" + port() + path;
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String token, String body) throws IOException, InterruptedException {
        return put(path, token, body, Map.of());
    }

    /** A PUT with extra headers (e.g. the Origin a browser on another site would send). */
    HttpResponse<String> put(String path, String token, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Numbers as exact BigDecimals: the API sends money at full precision and doubles would round it. */
    private static final com.fasterxml.jackson.databind.ObjectMapper EXACT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @SuppressWarnings("unchecked")
    static JsonObject exact(String json) throws IOException {
        return new JsonObject(EXACT.readValue(json, Map.class));
    }

    JsonObject api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, TOKEN);
        if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        return exact(r.body());
    }

    /** Polls until the condition holds on /api/status, failing with the log if the process dies or time runs out. */
    JsonObject awaitStatus(Predicate<JsonObject> condition, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IllegalStateException("bot exited " + process.exitValue() + ":\n" + logText());
            if (port() == 0) {
                Thread.sleep(200);
                continue;
            }
            try {
                HttpResponse<String> r = get("/api/status", TOKEN);
                if (r.statusCode() == 200) {
                    JsonObject s = new JsonObject(r.body());
                    if (condition.test(s)) return s;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out after " + timeout + "; log:\n" + logText());
    }

    static boolean replayEnded(JsonObject status) {
        JsonObject replay = status.getJsonObject("replay");
        return replay != null && "ENDED".equals(replay.getString("state"));
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("bot did not exit");
        return process.exitValue();
    }

    /** Like kill -9: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook stops the verticles and PostgreSQL. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
