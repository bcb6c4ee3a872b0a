package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of a replay neither loses nor double-books a trade: after the restart the
 * run books exactly the trades an uninterrupted run books.
 */
class CrashRestartIT {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void letTheDatabaseUserIn() throws Exception {
        // As root the embedded PostgreSQL runs as nobody, which must be able to traverse to the state dirs.
        BotProcess.openForTraversal(tmp);
    }

    /** The first 30,000 real Bitstamp trades as a CSV replay source (symbol BTCUSD from the file name). */
    private Path slice() throws Exception {
        Path csv = tmp.resolve("BTCUSD.csv");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("bitstamp_trades_from_20131125_usd.csv"), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while (lines.size() < 30_001 && (line = in.readLine()) != null) lines.add(line);
            Files.write(csv, lines);
        }
        return csv;
    }

    private static List<JsonObject> withoutIds(JsonArray trades) {
        List<JsonObject> out = new ArrayList<>();
        for (Object o : trades) {
            JsonObject t = ((JsonObject) o).copy();
            t.remove("id");
            t.remove("reward_points");
            out.add(t);
        }
        return out;
    }

    @Test
    void killDashNineMidReplayThenRestartBooksTheSameTradesAsAnUninterruptedRun() throws Exception {
        String csv = slice().toString();
        List<JsonObject> reference;
        try (BotProcess bot = BotProcess.start(tmp.resolve("ref"), tmp, Map.of(), "run", "--replay", csv, "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            reference = withoutIds(bot.api("/api/trades?limit=10000").getJsonArray("trades"));
        }
        assertThat(reference).hasSizeGreaterThanOrEqualTo(4);

        Path state = tmp.resolve("crash");
        long bookedBeforeKill;
        // Paced so the kill lands mid-run: the whole slice spans about two days of event time.
        try (BotProcess bot = BotProcess.start(state, tmp, Map.of(), "run", "--replay", csv, "--speed", "20000")) {
            bot.awaitStatus(s -> true, Duration.ofMinutes(2));
            long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while ((bookedBeforeKill = bot.api("/api/trades?limit=1").getLong("total")) < 2 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(BotProcess.replayEnded(bot.api("/api/status"))).as("replay still running at the kill").isFalse();
            bot.kill();
        }
        assertThat(bookedBeforeKill).isBetween(2L, (long) reference.size() - 1);

        try (BotProcess bot = BotProcess.start(state, tmp, Map.of(), "run", "--replay", csv, "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            JsonArray trades = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            Set<Object> ids = new HashSet<>();
            for (Object o : trades) ids.add(((JsonObject) o).getValue("id"));
            assertThat(ids).hasSize(trades.size());
            assertThat(withoutIds(trades)).isEqualTo(reference);
            assertThat(bot.logText()).contains("resuming after event").doesNotContain("SEVERE");
        }
    }
}
