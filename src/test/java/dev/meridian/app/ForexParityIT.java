package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forex on paper: the synthetic USD_JPY bars ({@link ForexBars}) replayed with {@code --asset FOREX}
 * through the verticles and PostgreSQL book exactly the trades {@code backtest --asset FOREX}
 * computes, every column, in whole units and USD, longs and shorts, none opened in the weekend
 * closure. FOREX gets 50,000 USD in a conf override (the shipped allocation is 0), so entries are
 * sized by the %-risk rule.
 */
class ForexParityIT {
    @TempDir Path tmp;

    @Test
    void aForexReplayBooksTheBacktestsTradesInUnitsAndUsd() throws Exception {
        BotProcess.openForTraversal(tmp);
        BotProcess.writeConf(tmp, conf -> conf.getJsonObject("asset_allocation_usd").put("FOREX", 50000));
        Path data = Files.copy(ForexBars.FILE, tmp.resolve("USD_JPY.csv"));
        JsonArray booked;
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, Map.of(), "run", "--replay", data.toString(),
                "--asset", "FOREX", "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            booked = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            JsonObject classes = bot.api("/api/status").getJsonObject("asset_classes");
            assertThat(classes.getJsonObject("FOREX").getLong("symbols")).isEqualTo(1L);
            JsonObject forex = bot.api("/api/portfolio").getJsonArray("sub_ledgers").stream().map(JsonObject.class::cast)
                    .filter(l -> l.getString("asset_class").equals("FOREX")).findFirst().orElseThrow();
            // The sub-ledger's realized net P&L is the sum of its trades' (USD, to the last decimal).
            BigDecimal sum = booked.stream().map(JsonObject.class::cast).map(t -> new BigDecimal(t.getValue("net_pnl").toString()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(forex.getValue("realized_net_pnl").toString())).isEqualByComparingTo(sum);
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
        List<String> lines = BacktestParity.backtest(tmp, "--data", data.toString(), "--asset", "FOREX");
        String[] header = lines.get(0).split(",");
        List<JsonObject> replayed = BacktestParity.assertSameTrades("replay", booked, lines);
        assertThat(replayed).hasSizeGreaterThan(30);
        int shorts = 0;
        for (JsonObject t : replayed) {
            assertThat(t.getString("asset_class")).isEqualTo("FOREX");
            BigDecimal qty = new BigDecimal(t.getValue("qty").toString());
            assertThat(qty.stripTrailingZeros().scale()).as("whole units").isLessThanOrEqualTo(0);
            assertThat(new BigDecimal(t.getValue("size_usd").toString())).as("a unit of USD_JPY is one USD").isEqualByComparingTo(qty);
            // gross = qty × (exit − entry) × sign JPY at the exit price, in USD
            int sign = t.getString("side").equals("BUY") ? 1 : -1;
            BigDecimal exit = new BigDecimal(t.getValue("exit_price").toString());
            BigDecimal jpy = qty.multiply(exit.subtract(new BigDecimal(t.getValue("entry_price").toString()))).multiply(BigDecimal.valueOf(sign));
            assertThat(new BigDecimal(t.getValue("gross_pnl").toString())).isEqualByComparingTo(jpy.divide(exit, 10, RoundingMode.HALF_EVEN));
            if (sign < 0) shorts++;
            ZonedDateTime entry = Instant.parse(t.getString("entry_time")).atZone(ZoneOffset.UTC);
            boolean closed = entry.getDayOfWeek() == DayOfWeek.SATURDAY
                    || (entry.getDayOfWeek() == DayOfWeek.FRIDAY && entry.getHour() >= 22)
                    || (entry.getDayOfWeek() == DayOfWeek.SUNDAY && entry.getHour() < 22);
            assertThat(closed).as("opened in the closure: " + t).isFalse();
        }
        assertThat(shorts).as("shorts").isGreaterThan(5);
        System.out.println("ForexParityIT: " + replayed.size() + " USD_JPY trades identical in all " + header.length
                + " columns (" + shorts + " shorts)");
    }
}
