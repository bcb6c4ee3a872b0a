package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Option packages on paper through the verticles: btc-trades-2013 replayed as the OPTIONS
 * underlying ({@code --asset OPTIONS}, the shipped $1,000 OPTIONS allocation) books exactly the
 * trades {@code backtest --asset OPTIONS} computes, in every trades.csv column, and holds the same
 * package open at the end. A second run is stopped while its first package is open and restarted on
 * the same state: the package is rebuilt from {@code learner_state}, managed to its exit, and the
 * book is again the backtest's.
 */
class OptionsParityIT {
    @TempDir Path tmp;

    @Test
    void anOptionsReplayBooksTheBacktestsPackagesAlsoAcrossARestartMidPackage() throws Exception {
        BotProcess.openForTraversal(tmp);
        JsonObject conf = BotProcess.writeConf(tmp, c -> { });
        assertThat(conf.getJsonObject("asset_allocation_usd").getInteger("OPTIONS")).as("shipped OPTIONS allocation").isEqualTo(1000);

        JsonArray straight;
        JsonArray openAtEnd;
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, Map.of(), "run", "--replay", "btc-trades-2013",
                "--asset", "OPTIONS", "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            straight = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            openAtEnd = optionPositions(bot);
            JsonObject classes = bot.api("/api/status").getJsonObject("asset_classes");
            assertThat(classes.getJsonObject("OPTIONS").getLong("symbols")).isEqualTo(1L);
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }

        // Stopped while the first package is open, then resumed on the same state.
        Path state = tmp.resolve("restart");
        String heldAtStop;
        try (BotProcess bot = BotProcess.start(state, tmp, Map.of(), "run", "--replay", "btc-trades-2013", "--asset", "OPTIONS",
                "--speed", "20000")) {
            bot.awaitStatus(s -> true, Duration.ofMinutes(2));
            long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            JsonArray held = new JsonArray();
            while (held.isEmpty() && System.nanoTime() < end) {
                held = optionPositions(bot);
                if (held.isEmpty()) Thread.sleep(50);
            }
            assertThat(held).as("a package opened").hasSize(1);
            // The API shows a booking as soon as it is applied; it is committed with its bar's watermark
            // a moment later. A stop inside that moment is a legitimate restart too (the bar is re-run and
            // the package re-chosen), but not the restore this test is after. The replay emits its next
            // event only once that watermark is acknowledged, i.e. committed: wait for the replay to move on.
            long seen = bot.api("/api/status").getJsonObject("replay").getLong("last_seq");
            long moved = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (bot.api("/api/status").getJsonObject("replay").getLong("last_seq") <= seen && System.nanoTime() < moved) {
                Thread.sleep(10);
            }
            assertThat(bot.api("/api/trades?limit=1").getLong("total")).as("stopped before the first package closed").isZero();
            heldAtStop = held.getJsonObject(0).getString("symbol");
            bot.stop();
        }
        JsonArray resumed;
        try (BotProcess bot = BotProcess.start(state, tmp, Map.of(), "run", "--replay", "btc-trades-2013", "--asset", "OPTIONS",
                "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            resumed = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            assertThat(optionPositions(bot)).isEqualTo(openAtEnd);
            assertThat(bot.logText()).contains("resuming after event").contains("restored the open option package " + heldAtStop)
                    .doesNotContain("SEVERE");
        }

        List<String> lines = BacktestParity.backtest(tmp, "--data", "btc-trades-2013", "--asset", "OPTIONS");
        String[] header = lines.get(0).split(",");
        assertThat(lines).as("the backtest closes a package").hasSizeGreaterThan(1);
        for (JsonArray run : List.of(straight, resumed)) {
            for (JsonObject t : BacktestParity.assertSameTrades(run == straight ? "uninterrupted" : "restarted", run, lines)) {
                assertThat(t.getString("symbol")).startsWith("SYNTHETIC BTCUSD ");
                assertThat(t.getBoolean("paper")).isTrue();
            }
        }
        assertThat(heldAtStop).isEqualTo(lines.get(1).split(",")[2]);
        assertThat(openAtEnd).as("a package still open when the data ends").hasSize(1);
        System.out.println("OptionsParityIT: " + (lines.size() - 1) + " package trade(s) identical in all " + header.length
                + " columns, uninterrupted and across a restart mid-package; open at the end: "
                + openAtEnd.getJsonObject(0).getString("symbol"));
    }

    private static JsonArray optionPositions(BotProcess bot) throws Exception {
        JsonArray out = new JsonArray();
        for (Object o : bot.api("/api/portfolio").getJsonArray("positions")) {
            JsonObject p = (JsonObject) o;
            if (p.getString("asset_class").equals("OPTIONS")) {
                out.add(new JsonObject().put("symbol", p.getString("symbol")).put("side", p.getString("side"))
                        .put("qty", p.getValue("qty").toString()).put("entry_price", p.getValue("entry_price").toString())
                        .put("entry_time", p.getString("entry_time")));
            }
        }
        return out;
    }
}
