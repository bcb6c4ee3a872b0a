package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseIT {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @Test
    void migratesTheSchemaAndKeepsRowsAcrossARestart(@TempDir Path stateDir) {
        BigDecimal cash = new BigDecimal("13999.123456789012345678");
        Database db = Database.open(vertx, stateDir, Optional.empty());
        try {
            RowSet<Row> tables = db.pool()
                    .query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                    .execute().await();
            assertThat(StreamSupport.stream(tables.spliterator(), false).map(r -> r.getString(0)))
                    .contains("sub_ledgers", "orders", "fills", "positions", "trades", "ledger_entries",
                            "equity_snapshots", "audit_log", "funds_state", "rewards", "replay_position",
                            "flyway_schema_history");
            db.pool().preparedQuery("INSERT INTO sub_ledgers (asset_class, allocation, cash) VALUES ($1, $2, $3)")
                    .execute(Tuple.of("SPOT", new BigDecimal("14000"), cash)).await();
        } finally {
            db.close().await();
        }

        Database reopened = Database.open(vertx, stateDir, Optional.empty());
        try {
            Row row = reopened.pool().preparedQuery("SELECT allocation, cash FROM sub_ledgers WHERE asset_class = $1")
                    .execute(Tuple.of("SPOT")).await().iterator().next();
            assertThat(row.getBigDecimal("allocation")).isEqualByComparingTo("14000");
            assertThat(row.getBigDecimal("cash")).isEqualTo(cash);
            Long migrations = reopened.pool().query("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'")
                    .execute().await().iterator().next().getLong(0);
            assertThat(migrations).as("V1 is applied once, not again on reopen").isEqualTo(1L);
        } finally {
            reopened.close().await();
        }
    }

    @Test
    void aSecondOpenOnTheSameStateDirFailsClearly(@TempDir Path stateDir) throws IOException {
        Database db = Database.open(vertx, stateDir, Optional.empty());
        try {
            String pid = Files.readAllLines(stateDir.resolve("pg").resolve("postmaster.pid")).get(0);
            assertThatThrownBy(() -> Database.open(vertx, stateDir, Optional.empty()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("state dir " + stateDir.toAbsolutePath() + " is in use by another Meridian")
                    .hasMessageContaining("postmaster pid " + pid);
            // The refused open must not have disturbed the running one.
            assertThat(db.pool().query("SELECT 1").execute().await().size()).isEqualTo(1);
        } finally {
            db.close().await();
        }
    }

    @Test
    void aKilledServerDoesNotPreventTheNextStart(@TempDir Path stateDir) throws Exception {
        Path data = stateDir.resolve("pg");
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data);
        long pid = first.postmasterPid();
        killAndAwait(pid);
        assertThat(data.resolve("postmaster.pid")).as("the crash leaves its pid file behind").exists();
        first.close();

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data)) {
            assertThat(second.postmasterPid()).isNotEqualTo(pid);
            assertThat(Files.readAllLines(data.resolve("postmaster.pid")).get(0)).isEqualTo(Long.toString(second.postmasterPid()));
        }
    }

    @Test
    void aServerLeftByAKilledMeridianIsInUseUntilThatJvmDiesThenReplaced(@TempDir Path stateDir) throws Exception {
        Path data = stateDir.resolve("pg");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerInChildJvm.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        long orphan = -1;
        try {
            orphan = awaitReady(child);
            long orphanPid = orphan;
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another Meridian (postmaster pid " + orphanPid);

            child.destroyForcibly().waitFor();
            assertThat(EmbeddedPostgresServer.ProcessInfo.isRunning(orphanPid)).as("SIGKILL of the JVM leaves its PostgreSQL running").isTrue();

            try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(data)) {
                assertThat(EmbeddedPostgresServer.ProcessInfo.isRunning(orphanPid)).as("the orphan was stopped").isFalse();
                assertThat(next.postmasterPid()).isNotEqualTo(orphanPid);
            }
        } finally {
            child.destroyForcibly();
            if (orphan > 0 && EmbeddedPostgresServer.ProcessInfo.isRunning(orphan)) {
                killAndAwait(orphan);
            }
        }
    }

    @Test
    void aCorruptDataDirFailsWithTheEndOfThePostgresLog(@TempDir Path stateDir) throws Exception {
        Path data = stateDir.resolve("pg");
        EmbeddedPostgresServer.start(data).close();
        Files.delete(data.resolve("global").resolve("pg_control"));

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL did not start in " + data)
                .hasMessageContaining("last lines of " + data.resolve("postmaster.log"))
                .hasMessageContaining("pg_control");
        // The failure released the state dir: the next attempt meets the same corruption, not a lock.
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(data))
                .hasMessageContaining("PostgreSQL did not start in " + data);
    }

    @Test
    void usesAnExternalServerGivenByUrlAndNeverPrintsItsPassword(@TempDir Path serverDir, @TempDir Path stateDir)
            throws IOException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(serverDir.resolve("pg"))) {
            String at = "@" + server.host() + ":" + server.port() + "/" + server.database();
            assertThatThrownBy(() -> Database.open(vertx, stateDir, Optional.of("postgresql://" + server.user()
                    + ":wrong-Pa55word" + at)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("password authentication failed")
                    .message().doesNotContain("wrong-Pa55word");

            Database db = Database.open(vertx, stateDir, Optional.of("postgresql://" + server.user() + ":"
                    + server.password() + at));
            try {
                assertThat(db.pool().query("SELECT count(*) FROM sub_ledgers").execute().await().iterator().next()
                        .getLong(0)).isZero();
            } finally {
                db.close().await();
            }
        }
        try (var entries = Files.list(stateDir)) {
            assertThat(entries).as("no embedded server was started in the state dir").isEmpty();
        }
    }

    private static long awaitReady(Process child) throws IOException {
        List<String> output = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                return Long.parseLong(line.substring("READY ".length()));
            }
            output.add(line);
        }
        throw new AssertionError("the child JVM exited without starting PostgreSQL:\n" + String.join("\n", output));
    }

    /** SIGKILLs a postmaster and waits until it and its backends are gone (or zombies), as after a crash. */
    private static void killAndAwait(long pid) throws InterruptedException {
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        Set<Long> backends = postmaster.children().map(ProcessHandle::pid).collect(Collectors.toSet());
        postmaster.destroyForcibly();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (EmbeddedPostgresServer.ProcessInfo.isRunning(pid) || backends.stream().anyMatch(EmbeddedPostgresServer.ProcessInfo::isRunning)) {
            assertThat(Instant.now()).as("postmaster %s and its backends exit", pid).isBefore(deadline);
            Thread.sleep(20);
        }
    }

}
