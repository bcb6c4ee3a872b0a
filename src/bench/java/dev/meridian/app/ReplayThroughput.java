package dev.meridian.app;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bars per second through the event-bus replay: the fat jar's {@code run --replay FILE --speed max}
 * on the {@link SyntheticBars} series, as a child process with a fresh temporary state directory
 * (so an embedded PostgreSQL of its own, {@code MERIDIAN_PG_URL} removed), HTTP port 0 (the bot
 * binds a free one and prints it) and a random dashboard token; working directory is this one, so
 * it reads the same {@code conf/} and {@code policies/} as the JMH benchmark.
 *
 * <p>Measured from the replay's own counter: {@code /api/status} is polled every
 * {@value #POLL_MS} ms; the clock starts at the first answer whose replay state is REPLAYING and
 * stops at the first whose state is ENDED, and the figure is the events processed in between
 * divided by the time in between. JVM start-up, embedded PostgreSQL start-up, migrations and
 * verticle deployment happen before the first REPLAYING answer and are excluded. Each poll can be
 * up to one interval (plus the request's own time) late at either end, so the window's error is
 * about ± 2 intervals; each poll costs the bot an HTTP request and a status round trip on its
 * event loops, so the interval is coarse and the windows measured last tens of seconds. A replay
 * of bars emits one event per bar, so events are bars. The CPU time the bot's JVM and its
 * PostgreSQL used in the same window is printed beside the figure, which
 * shows whether the replay was busy computing or waiting.
 *
 * <p>Usage: {@code ReplayThroughput JAR [--bars N] [--runs N] [--flat]} (defaults: 200000 bars, 1
 * run). {@code --flat} replays {@link SyntheticBars#writeFlat} instead, bars that never move and so
 * never trade: the bus round trips without bookings, commits or risk work. The system
 * property {@code bench.botJvmArgs} (space-separated) is passed to the bot's JVM, e.g. to record a
 * JFR profile; unset, the bot runs with the JVM's defaults.
 */
public final class ReplayThroughput {
    private static final long POLL_MS = 100;
    private static final Pattern SERVING = Pattern.compile("Meridian is serving http://[^:]+:(\\d+)");
    private static final Pattern CLOSED = Pattern.compile("(?m)^meridian_trades_closed_total\\S*\\s+(\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReplayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) usage();
        Path jar = Path.of(args[0]).toAbsolutePath();
        int bars = 200_000;
        int runs = 1;
        boolean flat = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--bars" -> bars = Integer.parseInt(value(args, ++i));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--flat" -> flat = true;
                default -> usage();
            }
        }
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no jar at " + jar + ": build it first");
        List<String> rates = new ArrayList<>();
        for (int i = 1; i <= runs; i++) rates.add(String.format("%.0f", run(jar, bars, flat, i)));
        System.out.printf("replay throughput, %s series, %d bars, %d run(s): %s bars/s%n", flat ? "flat" : "synthetic", bars, runs,
                String.join(", ", rates));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage();
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: ReplayThroughput JAR [--bars N] [--runs N] [--flat]");
        System.exit(2);
    }

    private static double run(Path jar, int bars, boolean flat, int runNo) throws Exception {
        Path tmp = Files.createTempDirectory("meridian-replay-bench-");
        // Run as root, the bot starts PostgreSQL as another user, who must be able to pass through.
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(tmp);
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(tmp, perms);
        Path csv = tmp.resolve(flat ? "FLATUSD.csv" : "SYNTHUSD.csv");
        if (flat) {
            SyntheticBars.writeFlat(csv, bars);
        } else {
            SyntheticBars.write(csv, bars, SyntheticBars.SEED);
        }
        Path log = tmp.resolve("bot.log");
        String token = "bench-" + UUID.randomUUID();
        List<String> cmd = new ArrayList<>(List.of("java"));
        String jvmArgs = System.getProperty("bench.botJvmArgs", "").strip();
        if (!jvmArgs.isEmpty()) cmd.addAll(List.of(jvmArgs.split("\\s+")));
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--replay", csv.toString(), "--speed", "max"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MERIDIAN_"));
        pb.environment().put("MERIDIAN_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("MERIDIAN_TELEMETRY_DIR", tmp.resolve("telemetry").toString());
        pb.environment().put("MERIDIAN_HTTP_PORT", "0");
        pb.environment().put("MERIDIAN_DASHBOARD_TOKEN", token);
        long launched = System.nanoTime();
        Process bot = pb.start();
        try {
            int port = awaitPort(bot, log, Duration.ofMinutes(3));
            long startNs = -1;
            long startEvents = 0;
            long endNs;
            long endEvents;
            double[] startCpu = null;
            double[] endCpu;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (true) {
                if (!bot.isAlive()) throw new IllegalStateException("bot exited " + bot.exitValue() + ":\n" + Files.readString(log));
                if (System.nanoTime() > deadline) throw new IllegalStateException("replay did not end in 30 minutes; log in " + log);
                JsonObject replay = status(port, token);
                long now = System.nanoTime();
                if (replay != null) {
                    String state = replay.getString("state");
                    long events = replay.getLong("events_processed");
                    if (startNs < 0 && ("REPLAYING".equals(state) || "ENDED".equals(state))) {
                        if ("ENDED".equals(state)) throw new IllegalStateException("the replay ended before the first poll saw it run");
                        startNs = now;
                        startEvents = events;
                        startCpu = cpuSeconds(bot, tmp.resolve("state"));
                    } else if (startNs >= 0 && "ENDED".equals(state)) {
                        endNs = now;
                        endEvents = events;
                        endCpu = cpuSeconds(bot, tmp.resolve("state"));
                        break;
                    } else if ("FAILED".equals(state)) {
                        throw new IllegalStateException("replay FAILED; log in " + log);
                    }
                }
                Thread.sleep(POLL_MS);
            }
            double seconds = (endNs - startNs) / 1e9;
            double rate = (endEvents - startEvents) / seconds;
            System.out.printf("run %d: start-up (launch to first REPLAYING poll) %.1f s; replay %d -> %d events in %.3f s = %.0f bars/s; "
                            + "trades closed %s; CPU in the window: bot JVM %.1f s, PostgreSQL %.1f s%n", runNo, (startNs - launched) / 1e9,
                    startEvents, endEvents, seconds, rate, tradesClosed(port), endCpu[0] - startCpu[0], endCpu[1] - startCpu[1]);
            return rate;
        } finally {
            bot.destroy();
            if (!bot.waitFor(60, TimeUnit.SECONDS)) {
                bot.destroyForcibly();
                bot.waitFor(30, TimeUnit.SECONDS);
            }
            deleteTree(tmp);
        }
    }

    /**
     * CPU seconds (user + system) used so far by the bot's JVM and by the PostgreSQL server of this
     * state dir (the postmaster, found by its {@code -D} argument, and its live children; backends
     * that have already exited are not counted).
     */
    private static double[] cpuSeconds(Process bot, Path stateDir) {
        double jvm = cpu(bot.toHandle());
        String marker = stateDir.toString();
        double pg = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().commandLine().map(c -> c.contains(marker) && c.contains("postgres")).orElse(false)) {
                pg += cpu(p);
                for (ProcessHandle child : p.descendants().toList()) pg += cpu(child);
            }
        }
        return new double[] {jvm, pg};
    }

    private static double cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static int awaitPort(Process bot, Path log, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!bot.isAlive()) throw new IllegalStateException("bot exited " + bot.exitValue() + ":\n" + Files.readString(log));
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException("the bot did not print its port in " + timeout + ":\n" + Files.readString(log));
    }

    /** The {@code replay} object of {@code /api/status}, or null if it cannot be had yet. */
    private static JsonObject status(int port, String token) throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return null;
            return new JsonObject(r.body()).getJsonObject("replay");
        } catch (IOException notYet) {
            return null;
        }
    }

    private static String tradesClosed(int port) throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CLOSED.matcher(r.body());
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
