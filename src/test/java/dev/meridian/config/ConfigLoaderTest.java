package dev.meridian.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() { vertx = Vertx.vertx(); }

    @AfterAll
    static void stop() throws Exception { await(vertx.close()); }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void loadsTheShippedFilesFromTheWorkingDirectory() throws Exception {
        ConfigResult r = await(ConfigLoader.check(vertx, Shipped.WORK_DIR, Map.of()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.orElseThrow()).isEqualTo(Shipped.parse(Shipped.conf(), Shipped.policies(), Map.of()).orElseThrow());
    }

    @Test
    void aDirectoryWithoutConfOrPoliciesUsesTheBundledCopies(@TempDir Path empty) throws Exception {
        MeridianConfig c = await(ConfigLoader.load(vertx, empty, Map.of("MERIDIAN_HTTP_PORT", "9999")));
        MeridianConfig shipped = Shipped.parse(Shipped.conf(), Shipped.policies(), Map.of()).orElseThrow();
        assertThat(c.policies()).isEqualTo(shipped.policies());
        assertThat(c.allocation()).isEqualTo(shipped.allocation());
        assertThat(c.http().port()).isEqualTo(9999);
        assertThat(c.stateDir()).isEqualTo(empty.toAbsolutePath().resolve("state"));
    }

    @Test
    void eachBadFileIsOneProblemAndTheOthersAreStillChecked(@TempDir Path dir) throws Exception {
        copyShipped(dir);
        Path policies = dir.resolve("policies");
        Files.writeString(policies.resolve("sizing_policy.json"), "{\n  \"global\": {},\n  \"global\": {}\n}");
        Files.delete(policies.resolve("risk_policy.json"));
        Files.writeString(policies.resolve("kpi_policy.json"),
                Files.readString(policies.resolve("kpi_policy.json")).replace("\"min_trades\": 100", "\"min_trades\": 0"));
        Files.writeString(policies.resolve("extra.json"), "{}");
        Files.writeString(policies.resolve("README.md"), "notes");

        ConfigResult r = await(ConfigLoader.check(vertx, dir, Map.of()));
        assertThat(r.problems()).containsExactly(
                "policies/sizing_policy.json: is not valid JSON: Duplicate field 'global' (line 3, column 11)",
                "policies/risk_policy.json: file not found (looked for " + policies.toAbsolutePath().resolve("risk_policy.json") + ")",
                "policies/kpi_policy.json: modes.SCALP.min_trades must be an integer in 1..1000000, got 0");
        assertThat(r.warnings()).containsExactly("policies/extra.json: not a known policy file; ignored");
    }

    @Test
    void aPresentConfDirectoryWithoutTheFileIsAProblemNotAFallback(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("conf"));
        assertThat(await(ConfigLoader.check(vertx, dir, Map.of())).problems()).containsExactly(
                "conf/meridian.json: file not found (looked for " + dir.toAbsolutePath().resolve("conf/meridian.json") + ")");
    }

    @Test
    void loadFailsWithEveryProblem(@TempDir Path dir) throws Exception {
        copyShipped(dir);
        Files.writeString(dir.resolve("conf/meridian.json"), "not json");
        Future<MeridianConfig> f = ConfigLoader.load(vertx, dir, Map.of("MERIDIAN_HTTP_PORT", "x"));
        assertThatThrownBy(() -> await(f)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "conf/meridian.json: is not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 4)",
                        "MERIDIAN_HTTP_PORT must be an integer in 0..65535, got \"x\""));
    }

    @Test
    void theBlockingVariantNeedsNoVertx() {
        assertThat(ConfigLoader.checkBlocking(Shipped.WORK_DIR, Map.of()).isValid()).isTrue();
    }

    private static void copyShipped(Path dir) throws IOException {
        for (String sub : new String[] {"conf", "policies"}) {
            Files.createDirectories(dir.resolve(sub));
            try (Stream<Path> files = Files.list(Shipped.WORK_DIR.resolve(sub))) {
                for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dir.resolve(sub).resolve(f.getFileName()));
            }
        }
    }
}
