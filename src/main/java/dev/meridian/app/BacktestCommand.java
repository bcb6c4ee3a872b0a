package dev.meridian.app;

import dev.meridian.backtest.BacktestOutcome;
import dev.meridian.backtest.BacktestRun;
import dev.meridian.backtest.BacktestWriter;
import dev.meridian.backtest.Backtester;
import dev.meridian.config.ConfigLoader;
import dev.meridian.config.LearningConfig;
import dev.meridian.config.MeridianConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Mode;
import dev.meridian.learning.KpiCalculator;
import dev.meridian.learning.KpiReport;
import dev.meridian.learning.KpiSample;
import dev.meridian.market.ReplaySource;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.strategy.ModeChooser;
import dev.meridian.strategy.RandomChooser;
import dev.meridian.strategy.ScoreLearner;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code backtest}: the whole-span run (AUTO is the configured selector, learning from scratch as
 * it goes, or the forced mode) plus, with {@code --walk-forward K}, K−1 out-of-sample test folds.
 * Fold i+1 is traded with indicators and regimes warmed on folds 1..i, and with a fresh ledger and
 * KPI book, by: the LEARNER (the bandit, trained by trading folds 1..i), the RULE_TABLE, RANDOM mode
 * choice among the setups that fire (seeded), every mode the asset class trades, forced, and
 * BUY_AND_HOLD ($10, the fixed trade size, bought at the fold's first print and sold at its last,
 * with the same fee and slippage; for FOREX $10 of USD notional in whole units, booked in USD). Needs no database and no state directory; reads the
 * configuration like {@code run}.
 */
final class BacktestCommand {
    static final String LEARNER = "LEARNER";
    static final String RULE_TABLE = "RULE_TABLE";
    static final String RANDOM = "RANDOM";

    private BacktestCommand() {
    }

    static int run(List<String> args) throws IOException {
        BacktestOptions o = BacktestOptions.parse(args);
        Path work = Path.of("").toAbsolutePath();
        MeridianConfig config;
        Vertx vertx = Vertx.vertx();
        try {
            config = ConfigLoader.load(vertx, work, System.getenv()).toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            System.err.println("meridian: configuration has problems: " + (e.getCause() == null ? e : e.getCause()).getMessage());
            return 2;
        } finally {
            vertx.close();
        }
        ReplaySource source;
        try {
            source = ReplaySource.resolve(o.data(), o.asset());
        } catch (IllegalArgumentException e) {
            System.err.println("meridian: " + e.getMessage());
            return 2;
        }
        BigDecimal fee = o.feeBps().orElse(Configs.feeBps(config));
        BigDecimal slip = o.slippageBps().orElse(Configs.slippageBps(config));
        Map<AssetClass, BigDecimal> allocation = Configs.backtestAllocation(config, source.assetClass());
        if (Configs.allocationUsd(config).getOrDefault(source.assetClass(), BigDecimal.ZERO).signum() == 0) {
            System.out.println(source.assetClass() + " has no allocation in conf/meridian.json: the backtest gives it the configured total, "
                    + allocation.get(source.assetClass()).toPlainString() + " USD");
        }
        Backtester bt = new Backtester(Configs.backtestSetup(config, fee, slip, allocation));
        long from = o.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        long to = o.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);

        long seed = o.seed().orElse(config.strategy().learning().seed());
        LearningConfig learning = config.strategy().learning();

        long started = System.nanoTime();
        BacktestRun main = bt.run(source, new Backtester.Pass("main", from, to, o.mode()),
                Configs.modeChooser(learning, seed, Optional.empty()));
        progress("whole span", main);
        List<BacktestOutcome.WalkForwardRow> rows = new ArrayList<>();
        if (o.walkForward() > 0) {
            List<String> fixed = new ArrayList<>();
            for (Mode m : config.policies().assetKpi().of(source.assetClass()).modes()) {
                if (m != Mode.OPTIONS) fixed.add(m.name());
            }
            long span = main.toMs() - main.fromMs();
            int k = o.walkForward();
            // The learner trades fold 1 to train (nothing of it is reported), then each test fold in
            // turn, learning online from its own closed trades as the deployed bot does: when it
            // starts fold i+1 it has learned from folds 1..i and from nothing later.
            ModeChooser learner = Configs.modeChooser(forceBandit(learning), seed, Optional.empty());
            ScoreLearner learnerScore = Configs.scoreLearner(learning);
            BacktestRun training = bt.run(source, new Backtester.Pass("LEARNER training", from, main.fromMs() + span / k - 1,
                    Optional.empty()), learner, learnerScore);
            progress("fold 1/" + k + " LEARNER (training)", training);
            for (int i = 1; i < k; i++) {
                long foldFrom = main.fromMs() + span * i / k;
                long foldTo = i == k - 1 ? main.toMs() : main.fromMs() + span * (i + 1) / k - 1;
                Map<String, ModeChooser> choosers = new LinkedHashMap<>();
                choosers.put(LEARNER, learner);
                choosers.put(RULE_TABLE, ModeChooser.ruleTable());
                choosers.put(RANDOM, new RandomChooser(seed + i));
                for (var c : choosers.entrySet()) {
                    BacktestRun r = bt.run(source, new Backtester.Pass(c.getKey(), foldFrom, foldTo, Optional.empty()), c.getValue(),
                            c.getKey().equals(LEARNER) ? learnerScore : Configs.scoreLearner(learning));
                    rows.add(row(i + 1, foldFrom, foldTo, c.getKey(), r.trades(), source.assetClass()));
                    progress("fold " + (i + 1) + "/" + k + " " + c.getKey(), r);
                }
                for (String m : fixed) {
                    BacktestRun r = bt.run(source, new Backtester.Pass(m, foldFrom, foldTo, Optional.of(Mode.valueOf(m))));
                    rows.add(row(i + 1, foldFrom, foldTo, m, r.trades(), source.assetClass()));
                    progress("fold " + (i + 1) + "/" + k + " " + m, r);
                }
                rows.add(buyAndHold(bt, source, i + 1, foldFrom, foldTo, config, fee, slip));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("data", o.data());
        params.put("asset", source.assetClass().name());
        params.put("symbol", source.symbol());
        params.put("mode", o.mode().map(Enum::name).orElse("AUTO"));
        params.put("fee_bps", fee.toPlainString());
        params.put("slippage_bps", slip.toPlainString());
        params.put("seed", Long.toString(seed));
        params.put("mode_selector", learning.modeSelector().name());
        params.put("walk_forward", Integer.toString(o.walkForward()));
        params.put("from", o.from().map(Instant::toString).orElse(""));
        params.put("to", o.to().map(Instant::toString).orElse(""));
        if (source.assetClass() == AssetClass.OPTIONS) {
            params.put("options_chain", "SYNTHETIC: Black-Scholes prices around the replayed underlying at its realized volatility "
                    + "over the last day + " + Configs.backtestSetup(config, fee, slip, allocation).options().ivPremium()
                    + " vol points, not quotes from any market");
        }
        BacktestWriter.write(o.out(), new BacktestOutcome(source.name(), params, main, rows));
        BigDecimal net = main.trades().stream().map(ClosedTrade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        System.out.printf("backtest %s: %d trades, net P&L %s (after fees and slippage); report in %s (%.1f s)%n", source.name(),
                main.trades().size(), net.round(new MathContext(8)).toPlainString(), o.out().toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** The walk-forward's learner is the bandit even when the bot is configured for the rule table (which is a contender of its own). */
    private static LearningConfig forceBandit(LearningConfig l) {
        return new LearningConfig(LearningConfig.ModeSelectorKind.BANDIT, l.decay(), l.priorStrength(), l.priorSdPoints(), l.seed(),
                l.scoreMinTrades());
    }

    private static void progress(String what, BacktestRun r) {
        System.err.printf("  %-32s %4d trades%n", what, r.trades().size());
    }

    private static BacktestOutcome.WalkForwardRow row(int fold, long from, long to, String contender, List<ClosedTrade> trades,
                                                      AssetClass asset) {
        List<KpiSample> samples = trades.stream().map(t -> new KpiSample(t.entryTimeMs(), t.exitTimeMs(), t.netPnl(), t.sizeUsd(),
                t.equityBefore(), KpiSample.Source.BACKTEST)).toList();
        KpiReport k = KpiCalculator.compute(samples, KpiCalculator.periodsPerYear(asset));
        BigDecimal net = trades.stream().map(ClosedTrade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BacktestOutcome.WalkForwardRow(fold, from, to, contender, k, net, trades.size());
    }

    /** $10 bought at the fold's first print and sold at its last, paying the run's fee and slippage both ways. */
    private static BacktestOutcome.WalkForwardRow buyAndHold(Backtester bt, ReplaySource source, int fold, long from, long to,
                                                             MeridianConfig config, BigDecimal feeBps, BigDecimal slipBps) {
        Optional<Backtester.Prints> prints = bt.prints(source, from, to);
        if (prints.isEmpty()) return row(fold, from, to, "BUY_AND_HOLD", List.of(), source.assetClass());
        BigDecimal bps = BigDecimal.valueOf(10_000);
        MathContext mc = MathContext.DECIMAL64;
        BigDecimal size = config.policies().sizing().global().fixedTradeUsd();
        BigDecimal buy = prints.get().first().multiply(BigDecimal.ONE.add(slipBps.divide(bps)));
        BigDecimal sell = prints.get().last().multiply(BigDecimal.ONE.subtract(slipBps.divide(bps)));
        BigDecimal first = prints.get().first();
        BigDecimal last = prints.get().last();
        BigDecimal net;
        if (source.assetClass() == AssetClass.FOREX) {
            // $10 of USD notional in whole units, booked in USD as the ledger books a forex round trip.
            ForexPair pair = ForexPair.parse(source.symbol());
            BigDecimal units = size.divide(pair.usdNotional(BigDecimal.ONE, first), 0, RoundingMode.DOWN);
            BigDecimal realized = pair.quoteToUsd(units.multiply(sell.subtract(buy)), sell);
            BigDecimal fees = pair.quoteToUsd(units.multiply(buy).multiply(feeBps).divide(bps), buy)
                    .add(pair.quoteToUsd(units.multiply(sell).multiply(feeBps).divide(bps), sell));
            net = realized.subtract(fees);
        } else {
            BigDecimal qty = size.divide(first, mc);
            BigDecimal gross = qty.multiply(last.subtract(first));
            BigDecimal slippage = qty.multiply(buy.subtract(first)).add(qty.multiply(last.subtract(sell)));
            BigDecimal fees = qty.multiply(buy.add(sell)).multiply(feeBps).divide(bps, mc);
            net = gross.subtract(fees).subtract(slippage);
        }
        KpiSample s = new KpiSample(prints.get().firstMs(), prints.get().lastMs(), net, size,
                Configs.backtestAllocation(config, source.assetClass()).get(source.assetClass()).max(size), KpiSample.Source.BACKTEST);
        return new BacktestOutcome.WalkForwardRow(fold, from, to, "BUY_AND_HOLD",
                KpiCalculator.compute(List.of(s), KpiCalculator.periodsPerYear(source.assetClass())), net, 1);
    }
}
