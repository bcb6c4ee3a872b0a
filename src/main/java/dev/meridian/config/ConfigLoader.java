package dev.meridian.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Reads conf/meridian.json and policies/*.json through vertx-config file stores, then hands them
 * with the environment to {@link ConfigParser}. Directories are found by {@link BundledFiles}: the
 * working directory's {@code conf/} or {@code policies/}, else the copy in the jar (a directory
 * present in the working directory is used as a whole; a file missing from it is a problem, not
 * a silent fallback to the bundled one).
 *
 * <p>Files are read as raw text and parsed by {@link StrictJson}, so decimals stay exact and
 * duplicate keys are caught. A file that is missing, unreadable or not JSON is one problem; the
 * other files are still checked.
 */
public final class ConfigLoader {
    private static final System.Logger LOG = System.getLogger(ConfigLoader.class.getName());
    private static final String CONF_NAME = "meridian.json";
    private static final String RAW_KEY = "text";

    private ConfigLoader() {}

    /**
     * The validated configuration. Warnings are logged.
     *
     * @return a future failed with {@link ConfigException} (listing every problem) when invalid
     */
    public static Future<MeridianConfig> load(Vertx vertx, Path workDir, Map<String, String> env) {
        return check(vertx, workDir, env).map(result -> {
            result.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
            return result.orElseThrow();
        });
    }

    /**
     * Every problem and warning, and the configuration when there are no problems. The future
     * fails only when the directories themselves cannot be found or listed (a jar built without
     * its bundled copies, an unreadable working directory).
     */
    public static Future<ConfigResult> check(Vertx vertx, Path workDir, Map<String, String> env) {
        Path dir = workDir.toAbsolutePath().normalize();
        return vertx.executeBlocking(() -> Sources.locate(dir))
                .compose(sources -> readAndParse(vertx, dir, sources, env));
    }

    /**
     * {@link #check} for callers without a Vert.x instance ({@code check-config}): starts a
     * private Vert.x, waits, closes it. Blocks the calling thread.
     */
    public static ConfigResult checkBlocking(Path workDir, Map<String, String> env) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(check(vertx, workDir, env));
        } finally {
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the configuration failed", e.getCause());
        }
    }

    /** The directories to read from, found before any file is opened. */
    private record Sources(BundledFiles.Location conf, BundledFiles.Location policies, List<String> unknownPolicyFiles) {
        static Sources locate(Path workDir) throws IOException {
            BundledFiles.Location conf = resolve(workDir, "conf");
            BundledFiles.Location policies = resolve(workDir, "policies");
            List<String> unknown;
            try (Stream<Path> list = Files.list(policies.dir())) {
                unknown = list.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".json") && !ConfigParser.POLICY_FILES.contains(n)).sorted().toList();
            }
            return new Sources(conf, policies, unknown);
        }

        private static BundledFiles.Location resolve(Path workDir, String name) {
            BundledFiles.Location l = BundledFiles.resolveDir(workDir, name);
            if (l.bundled()) {
                LOG.log(System.Logger.Level.INFO, "{0} has no {1}/; using the copy bundled in the jar", workDir, name);
            }
            return l;
        }
    }

    /** One file's outcome: its document, or the problem that kept it from being used. */
    private record FileRead(String label, JsonObject json, String problem) {}

    private static Future<ConfigResult> readAndParse(Vertx vertx, Path workDir, Sources sources, Map<String, String> env) {
        List<Future<FileRead>> reads = new ArrayList<>();
        reads.add(readOne(vertx, ConfigParser.CONF_FILE, sources.conf().dir().resolve(CONF_NAME)));
        for (String name : ConfigParser.POLICY_FILES) {
            reads.add(readOne(vertx, "policies/" + name, sources.policies().dir().resolve(name)));
        }
        // The reads may complete on different event loops; their results are combined only here, on one thread.
        return Future.all(reads).map(all -> {
            Problems problems = new Problems();
            Set<String> reported = new HashSet<>();
            JsonObject conf = null;
            Map<String, JsonObject> policies = new HashMap<>();
            for (Future<FileRead> f : reads) {
                FileRead r = f.result();
                if (r.problem() != null) {
                    problems.problem(r.label() + ": " + r.problem());
                    reported.add(r.label());
                } else if (r.label().equals(ConfigParser.CONF_FILE)) {
                    conf = r.json();
                } else {
                    policies.put(r.label().substring("policies/".length()), r.json());
                }
            }
            sources.unknownPolicyFiles().forEach(n -> problems.warning("policies/" + n + ": not a known policy file; ignored"));
            return ConfigParser.parse(workDir, conf, policies, env, problems, reported);
        });
    }

    /** Reads and parses one file through a vertx-config file store; never fails: trouble becomes the outcome's problem. */
    private static Future<FileRead> readOne(Vertx vertx, String label, Path path) {
        // Checked first so that the common mistake gets a plain message rather than a file-system stack of causes.
        if (!Files.isRegularFile(path)) return Future.succeededFuture(new FileRead(label, null, "file not found (looked for " + path + ")"));
        ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
                .setScanPeriod(0) // read once: a configuration change needs a restart
                .addStore(new ConfigStoreOptions().setType("file").setFormat("raw")
                        .setConfig(new JsonObject().put("path", path.toString()).put("raw.key", RAW_KEY))));
        return retriever.getConfig()
                .map(raw -> new FileRead(label, StrictJson.parseObject(raw.getString(RAW_KEY)), null))
                .recover(e -> Future.succeededFuture(new FileRead(label, null,
                        e instanceof IllegalArgumentException ? e.getMessage() : "cannot be read: " + e.getMessage())))
                .andThen(done -> retriever.close());
    }
}
