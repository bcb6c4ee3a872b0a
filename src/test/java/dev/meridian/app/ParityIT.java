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
 * Backtest/live parity: the deployed bot replaying btc-trades-2013 through the event bus, the
 * verticles and PostgreSQL books exactly the trades that {@code backtest} computes synchronously —
 * every column of trades.csv, the varying signal scores and the reward points included.
 */
class ParityIT {
    @TempDir Path tmp;

    @Test
    void replayThroughTheVerticlesBooksTheBacktestsTrades() throws Exception {
        BotProcess.openForTraversal(tmp);
        // The shipped configuration, but with the signal-score model taking over after 40 trades, so
        // that the learned scores (not only the hand-weighted ones) are held to parity too.
        BotProcess.writeConf(tmp, conf -> conf.getJsonObject("strategy").getJsonObject("learning").put("score_min_trades", 40));
        JsonArray booked;
        JsonObject learned;
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, Map.of(), "run", "--replay", "btc-trades-2013", "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            // Rewards are written just after the booking; give the last ones a moment.
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            do {
                booked = bot.api("/api/trades?limit=10000").getJsonArray("trades");
                if (booked.stream().map(JsonObject.class::cast).allMatch(t -> t.getValue("reward_points") != null)) break;
                Thread.sleep(200);
            } while (System.nanoTime() < until);
            learned = bot.api("/api/learning");
            bot.stop();
        }
        assertLearnerSawEveryTrade(learned, booked);
        // Restarted on the same state, the replay is over; the learner comes back exactly as it was.
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, Map.of(), "run", "--replay", "btc-trades-2013", "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(2));
            assertThat(bot.api("/api/learning")).isEqualTo(learned);
        }
        List<String> lines = BacktestParity.backtest(tmp, "--data", "btc-trades-2013");
        String[] header = lines.get(0).split(",");
        List<JsonObject> replayed = BacktestParity.assertSameTrades("replay", booked, lines);   // oldest first, like the CSV
        assertThat(replayed).hasSizeGreaterThan(100);
        int scores = 0;
        for (int i = 0; i < replayed.size(); i++) {
            JsonObject t = replayed.get(i);
            if (i > 0 && t.getDouble("signal_score") != replayed.get(i - 1).getDouble("signal_score")) scores++;
        }
        assertThat(scores).as("signal scores vary from trade to trade").isGreaterThan(replayed.size() / 2);
        System.out.println("ParityIT: " + replayed.size() + " trades identical in all " + header.length + " columns");
    }

    /** The bandit chose every entry and learned every trade: its books add up to the trades booked. */
    private static void assertLearnerSawEveryTrade(JsonObject learned, JsonArray booked) {
        assertThat(learned.getString("selector")).isEqualTo("BANDIT");
        JsonObject score = learned.getJsonObject("signal_score");
        assertThat(score.getString("source")).isEqualTo("model");
        assertThat(score.getLong("trades_learned")).isEqualTo(booked.size());
        assertThat(learned.getLong("last_trade_id")).isEqualTo(booked.getJsonObject(0).getLong("id"));
        long picks = 0;
        double effective = 0;
        for (Object o : learned.getJsonArray("contexts")) {
            JsonObject c = (JsonObject) o;
            long contextPicks = 0;
            for (Object m : c.getJsonArray("modes")) {
                JsonObject mode = (JsonObject) m;
                contextPicks += mode.getLong("picks");
                effective += mode.getDouble("effective_trades");
                assertThat(mode.getDouble("uncertainty")).isPositive();
            }
            assertThat(contextPicks + c.getLong("stayed_flat")).as(c.encode()).isEqualTo(c.getLong("decisions"));
            picks += contextPicks;
        }
        // Every entry was the learner's pick (no Strategy Mode was forced); a pick can be refused by risk.
        assertThat(picks).isGreaterThanOrEqualTo(booked.size());
        assertThat(effective).isPositive().isLessThanOrEqualTo(booked.size());
    }
}
