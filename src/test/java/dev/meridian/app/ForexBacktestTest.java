package dev.meridian.app;

import dev.meridian.backtest.BacktestRun;
import dev.meridian.backtest.Backtester;
import dev.meridian.config.MeridianConfig;
import dev.meridian.config.ShippedConfig;
import dev.meridian.config.WeeklyWindow;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;
import dev.meridian.market.ReplaySource;
import dev.meridian.portfolio.ClosedTrade;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backtest --asset FOREX} on the synthetic USD_JPY bars ({@link ForexBars}): it runs, trades
 * whole units, books every trade in USD as its own columns say (USD_JPY: a unit is one USD, the JPY
 * P&L is divided by the exit price), and opens nothing while the forex market is closed.
 */
class ForexBacktestTest {
    private static final MeridianConfig CONFIG = ShippedConfig.load();
    private static final WeeklyWindow CLOSED = CONFIG.policies().session().forexClosed();
    /** The shipped fee, 10 bps a fill: a USD_JPY fill's fee is 0.001 × its units in USD. */
    private static final BigDecimal FEE = new BigDecimal("0.001");

    @TempDir Path tmp;

    @Test
    void theCommittedBarsAreTheGeneratorsAndHavePricesInsideTheClosure() throws IOException {
        String csv = Files.readString(ForexBars.FILE);
        assertThat(csv).as("regenerate with ForexBars.main").isEqualTo(ForexBars.csv());
        List<String> rows = csv.lines().skip(1).toList();
        assertThat(rows).hasSizeGreaterThan(4000);
        long sundayEarly = rows.stream().filter(r -> ForexBars.sundayBeforeTheConfiguredOpen(time(r))).count();
        // Two Sunday hours (10 and 17 March, 21:00–21:55) of bars the configured closure covers.
        assertThat(sundayEarly).isEqualTo(24);
        assertThat(rows).noneMatch(r -> r.startsWith("2024-03-09") || r.startsWith("2024-03-16"));
    }

    @Test
    void theCliBacktestTradesUnitsBooksUsdAndOpensNothingWhileClosed() throws Exception {
        Path data = copyBars();
        Path out = tmp.resolve("out");
        // The shipped conf gives FOREX nothing, so the backtest gives it the configured total, 15,000 USD:
        // the fixed phase, $10 of USD notional = 10 units of USD_JPY.
        int exit = BacktestCommand.run(List.of("--data", data.toString(), "--asset", "FOREX", "--walk-forward", "2",
                "--out", out.toString()));
        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(out.resolve("trades.csv"));
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> trades = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> t = new HashMap<>();
            for (int i = 0; i < header.length; i++) t.put(header[i], cells[i]);
            trades.add(t);
        }
        assertThat(trades).hasSizeGreaterThan(30);
        for (Map<String, String> t : trades) {
            String what = t.toString();
            assertThat(t.get("asset_class")).isEqualTo("FOREX");
            assertThat(t.get("symbol")).isEqualTo("USD_JPY");
            BigDecimal qty = d(t, "qty");
            assertThat(qty).as(what).isEqualByComparingTo("10");
            assertThat(d(t, "size_usd")).as(what + ": ten units of USD").isEqualByComparingTo("10");
            assertUsdBooking(what, t.get("side"), qty, d(t, "entry_price"), d(t, "exit_price"), d(t, "gross_pnl"),
                    d(t, "fees"), d(t, "slippage"), d(t, "net_pnl"));
            assertThat(CLOSED.contains(Instant.parse(t.get("entry_time")))).as(what + ": entered while closed").isFalse();
        }
        assertThat(trades).extracting(t -> t.get("side")).contains("BUY", "SELL");
        // The walk-forward's buy-and-hold of $10 (10 units) is a USD figure too: a move of a few per cent
        // of 10 USD, not of 1,500 JPY.
        JsonObject summary = new JsonObject(Files.readString(out.resolve("summary.json")));
        JsonObject hold = summary.getJsonArray("walk_forward").stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("contender").equals("BUY_AND_HOLD")).findFirst().orElseThrow();
        assertThat(Math.abs(hold.getDouble("net_pnl"))).isLessThan(1.0);
    }

    @Test
    void theRiskPhaseSizesUnitsUnderMarginCapsAndTheClosureBlocksWhatPerpWouldOpen() throws Exception {
        ReplaySource forex = ReplaySource.resolve(copyBars().toString(), AssetClass.FOREX);
        Map<AssetClass, BigDecimal> allocation = new EnumMap<>(Configs.allocationUsd(CONFIG));
        allocation.put(AssetClass.FOREX, new BigDecimal("50000"));
        allocation.put(AssetClass.PERP, new BigDecimal("50000"));
        Backtester bt = new Backtester(Configs.backtestSetup(CONFIG, Configs.feeBps(CONFIG), Configs.slippageBps(CONFIG), allocation));
        BacktestRun run = bt.run(forex, Backtester.Pass.whole("main", Optional.empty()));
        assertThat(run.trades()).hasSizeGreaterThan(30);
        for (ClosedTrade t : run.trades()) {
            String what = t.toString();
            assertThat(t.qty().stripTrailingZeros().scale()).as(what + ": whole units").isLessThanOrEqualTo(0);
            assertThat(t.sizeUsd()).as(what).isEqualByComparingTo(t.qty());
            // %-risk phase at about 50,000: the good-setup cap of 10 % of equity as margin, times the leverage,
            // bounds the notional in USD.
            assertThat(t.sizeUsd()).as(what).isLessThanOrEqualTo(t.equityBefore().multiply(new BigDecimal("0.10")).multiply(t.leverage()));
            assertThat(t.leverage()).isLessThanOrEqualTo(new BigDecimal("5"));
            assertUsdBooking(what, t.side().name(), t.qty(), t.entryPrice(), t.exitPrice(), t.grossPnl(), t.fees(),
                    t.slippage(), t.netPnl());
            assertThat(CLOSED.contains(Instant.ofEpochMilli(t.entryTimeMs()))).as(what).isFalse();
        }
        assertThat(run.trades()).anyMatch(t -> t.qty().compareTo(new BigDecimal("1000")) > 0);
        // The same bars as PERP (no forex closure) open positions in the Sunday hour before 22:00, so the
        // data do test the block above.
        BacktestRun perp = bt.run(ReplaySource.resolve(copyBars().toString(), AssetClass.PERP), Backtester.Pass.whole("perp", Optional.empty()));
        assertThat(perp.trades()).anyMatch(t -> CLOSED.contains(Instant.ofEpochMilli(t.entryTimeMs())));
    }

    /**
     * A USD_JPY trade's money as its columns give it: gross = qty × (exit − entry) × sign JPY, divided
     * by the exit price (10 decimals, half-even); fees 10 bps of each fill's USD notional, which is the
     * quantity, both ways; net = gross − fees − slippage; and the slippage, the fills' 2 bps each way
     * against the decision prices, is 2 bps of the USD notional each way to within the conversion
     * (qty × (e(1 + s)/x(1 − s) − e/x) for a long, hence the ±10 % band).
     */
    private static void assertUsdBooking(String what, String side, BigDecimal qty, BigDecimal entry, BigDecimal exit,
                                         BigDecimal gross, BigDecimal fees, BigDecimal slippage, BigDecimal net) {
        int sign = Side.valueOf(side).sign();
        BigDecimal jpy = qty.multiply(exit.subtract(entry)).multiply(BigDecimal.valueOf(sign));
        assertThat(gross).as(what + ": gross in USD").isEqualByComparingTo(jpy.divide(exit, 10, RoundingMode.HALF_EVEN));
        assertThat(fees).as(what + ": fees on USD notional").isEqualByComparingTo(qty.multiply(FEE).multiply(BigDecimal.valueOf(2)));
        assertThat(net).as(what + ": net").isEqualByComparingTo(gross.subtract(fees).subtract(slippage));
        BigDecimal twoBpsBothWays = qty.multiply(new BigDecimal("0.0004"));
        assertThat(slippage).as(what + ": slippage")
                .isBetween(twoBpsBothWays.multiply(new BigDecimal("0.9")), twoBpsBothWays.multiply(new BigDecimal("1.1")));
    }

    private Path copyBars() throws IOException {
        Path target = tmp.resolve("USD_JPY.csv");
        if (!Files.exists(target)) Files.copy(ForexBars.FILE, target);
        return target;
    }

    private static long time(String row) { return Instant.parse(row.substring(0, row.indexOf(','))).toEpochMilli(); }

    private static BigDecimal d(Map<String, String> t, String column) { return new BigDecimal(t.get(column)); }
}
