package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Perps on paper: btc-trades-2013 replayed as a linear symbol ({@code --asset PERP}) through the
 * verticles and PostgreSQL books exactly the trades {@code backtest --asset PERP} computes, longs
 * and shorts, with funding booked at every 00:00/08:00/16:00 UTC settlement a position was open
 * across (the same in both, since fees are compared column by column) and exported as telemetry.
 */
class PerpParityIT {
    private static final long EIGHT_HOURS = 8 * 3_600_000L;

    @TempDir Path tmp;

    @Test
    void aPerpReplayBooksTheBacktestsLongsShortsAndFunding() throws Exception {
        BotProcess.openForTraversal(tmp);
        BotProcess.writeConf(tmp, conf -> conf.getJsonObject("asset_allocation_usd").put("PERP", 15000));
        JsonArray booked;
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, Map.of(), "run", "--replay", "btc-trades-2013",
                "--asset", "PERP", "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            booked = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            JsonObject classes = bot.api("/api/status").getJsonObject("asset_classes");
            assertThat(classes.getJsonObject("PERP").getLong("symbols")).isEqualTo(1L);
            assertThat(classes.getJsonObject("SPOT").getString("idle_reason")).startsWith("no SPOT market data");
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
        List<String> lines = BacktestParity.backtest(tmp, "--data", "btc-trades-2013", "--asset", "PERP");
        String[] header = lines.get(0).split(",");
        List<JsonObject> replayed = BacktestParity.assertSameTrades("replay", booked, lines);
        assertThat(replayed).hasSizeGreaterThan(100);
        int shorts = 0;
        long settlementsHeld = 0;
        List<long[]> spans = new ArrayList<>();
        for (JsonObject t : replayed) {
            assertThat(t.getString("asset_class")).isEqualTo("PERP");
            if (t.getString("side").equals("SELL")) {
                shorts++;
                assertThat(new BigDecimal(t.getValue("stop_price").toString())).as("a short's stop is above its entry")
                        .isGreaterThan(new BigDecimal(t.getValue("entry_price").toString()));
            }
            long entry = Instant.parse(t.getString("entry_time")).toEpochMilli();
            long exit = Instant.parse(t.getString("exit_time")).toEpochMilli();
            settlementsHeld += Math.floorDiv(exit, EIGHT_HOURS) - Math.floorDiv(entry, EIGHT_HOURS);
            spans.add(new long[]{entry, exit, t.getString("side").equals("BUY") ? 1 : -1});
        }
        assertThat(shorts).as("shorts").isGreaterThan(10);
        // Every settlement a closed trade was open across was booked, on that trade's side, and no other
        // (the funding lines are the telemetry export of evt.funding; a position still open at the end may add one).
        List<JsonObject> funding = new ArrayList<>();
        try (var files = Files.list(tmp.resolve("state-telemetry"))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonObject o = new JsonObject(line);
                    if (o.getString("kind").equals("funding")) funding.add(o);
                }
            }
        }
        assertThat(settlementsHeld).isPositive();
        int matched = 0;
        for (JsonObject f : funding) {
            // The settlement time the print paid for: bars (and so exits) are stamped at their close,
            // which can be that very time, while the print that settled comes a moment after it.
            long at = Math.floorDiv(Instant.parse(f.getString("at")).toEpochMilli(), EIGHT_HOURS) * EIGHT_HOURS;
            BigDecimal fee = new BigDecimal(f.getValue("fee").toString());
            int side = f.getString("side").equals("BUY") ? 1 : -1;
            assertThat(fee.signum()).as("a positive rate: longs pay, shorts receive").isEqualTo(side);
            if (spans.stream().anyMatch(s -> s[0] < at && at <= s[1] && s[2] == side)) matched++;
        }
        assertThat((long) matched).isEqualTo(settlementsHeld);
        assertThat(funding.size() - matched).isBetween(0, 1);
        System.out.println("PerpParityIT: " + replayed.size() + " trades identical in all " + header.length + " columns ("
                + shorts + " shorts, " + matched + " funding settlements inside closed trades)");
    }

}
