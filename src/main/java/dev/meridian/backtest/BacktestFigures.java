package dev.meridian.backtest;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.learning.Calibration;
import dev.meridian.learning.KpiCalculator;
import dev.meridian.learning.KpiReport;
import dev.meridian.learning.KpiSample;
import dev.meridian.portfolio.ClosedTrade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a backtest report shows, computed once so that summary.json and report.html can never
 * disagree. Deterministic: depends only on the outcome.
 *
 * @param startEquity     the main run's equity before its first trade
 * @param trades          number of trades of the main run, including any left out of the KPIs
 * @param netPnl          Σ net P&amp;L of the main run's trades (exact), i.e. what trades.csv adds up to
 * @param endEquity       the last point of the equity path, or start + netPnl when there is no path
 * @param periodsPerYear  annualisation of {@code overall}: the asset class's when all trades share one
 * @param overall         KPIs of every trade of the main run
 * @param pairs           KPIs per (asset class, mode) that traded, in enum order
 * @param walkForward     the walk-forward rows ordered by fold (the given order within a fold)
 * @param contenderTotals out-of-sample sums per contender across folds, in order of first appearance
 * @param notes           human-readable caveats about how the figures were computed
 */
record BacktestFigures(BigDecimal startEquity, BigDecimal endEquity, BigDecimal netPnl, int trades, int periodsPerYear,
                       KpiReport overall, List<PairKpis> pairs, List<BacktestOutcome.WalkForwardRow> walkForward,
                       List<ContenderTotal> contenderTotals, Calibration calibration, List<String> notes) {

    record PairKpis(AssetClass assetClass, Mode mode, KpiReport kpis, BigDecimal netPnl) {
    }

    /** Ratios are per fold and do not add up, so a contender's total carries only additive figures. */
    record ContenderTotal(String contender, int folds, int trades, BigDecimal netPnl) {
    }

    // Crypto's 365 when the classes are mixed: every class but FOREX uses it, and FOREX-only runs get 260.
    private static final int MIXED_PERIODS_PER_YEAR = 365;

    static BacktestFigures of(BacktestOutcome outcome) {
        BacktestRun run = outcome.main();
        List<ClosedTrade> trades = run.trades();
        List<String> notes = new ArrayList<>();

        BigDecimal netPnl = BigDecimal.ZERO;
        for (ClosedTrade t : trades) netPnl = netPnl.add(t.netPnl());
        BigDecimal endEquity = run.equity().isEmpty()
                ? run.startEquity().add(netPnl)
                : run.equity().get(run.equity().size() - 1).equity();

        List<KpiSample> all = new ArrayList<>();
        Map<AssetClass, Map<Mode, List<KpiSample>>> byPair = new TreeMap<>();
        Map<AssetClass, Map<Mode, BigDecimal>> pnlByPair = new TreeMap<>();
        EnumSet<AssetClass> classes = EnumSet.noneOf(AssetClass.class);
        int excluded = 0;
        for (ClosedTrade t : trades) {
            classes.add(t.assetClass());
            pnlByPair.computeIfAbsent(t.assetClass(), k -> new TreeMap<>()).merge(t.mode(), t.netPnl(), BigDecimal::add);
            KpiSample s = sample(t);
            if (s == null) {
                excluded++;
                continue;
            }
            all.add(s);
            byPair.computeIfAbsent(t.assetClass(), k -> new TreeMap<>()).computeIfAbsent(t.mode(), k -> new ArrayList<>()).add(s);
        }
        if (excluded > 0) {
            notes.add(excluded + " trade(s) with size_usd or equity_before not above 0, or an exit before the entry,"
                    + " are left out of the KPIs but counted in net P&L and trades.csv.");
        }

        int periods = classes.size() == 1 ? KpiCalculator.periodsPerYear(classes.iterator().next()) : MIXED_PERIODS_PER_YEAR;
        if (classes.size() > 1) {
            notes.add("Trades span several asset classes: the overall KPIs are annualised at " + MIXED_PERIODS_PER_YEAR
                    + " periods a year; each (asset class, mode) row uses its own class's.");
        }
        KpiReport overall = KpiCalculator.compute(all, periods);

        List<PairKpis> pairs = new ArrayList<>();
        pnlByPair.forEach((ac, modes) -> modes.forEach((mode, pnl) -> {
            List<KpiSample> samples = byPair.getOrDefault(ac, Map.of()).getOrDefault(mode, List.of());
            pairs.add(new PairKpis(ac, mode, KpiCalculator.compute(samples, KpiCalculator.periodsPerYear(ac)), pnl));
        }));

        List<BacktestOutcome.WalkForwardRow> rows = new ArrayList<>(outcome.walkForward());
        rows.sort(Comparator.comparingInt(BacktestOutcome.WalkForwardRow::fold)); // stable: keeps the given order within a fold
        Map<String, ContenderTotal> totals = new LinkedHashMap<>();
        for (BacktestOutcome.WalkForwardRow r : rows) {
            totals.merge(r.contender(), new ContenderTotal(r.contender(), 1, r.trades(), r.netPnl()),
                    (a, b) -> new ContenderTotal(a.contender(), a.folds() + 1, a.trades() + b.trades(), a.netPnl().add(b.netPnl())));
        }

        // What signal_score promised (a probability once the model is trained) against what happened.
        Calibration calibration = Calibration.of(trades.stream()
                .map(t -> new Calibration.Pair(Math.max(0, Math.min(1, t.signalScore())), t.netPnl().signum() > 0)).toList());
        return new BacktestFigures(run.startEquity(), endEquity, netPnl, trades.size(), periods, overall,
                List.copyOf(pairs), List.copyOf(rows), List.copyOf(totals.values()), calibration, List.copyOf(notes));
    }

    /** The trade as KPI evidence, or null when it breaks a {@link KpiSample} invariant. */
    private static KpiSample sample(ClosedTrade t) {
        // A report written after a long run should not die on one odd trade; it is counted in a note instead.
        if (t.sizeUsd() == null || t.sizeUsd().signum() <= 0) return null;
        if (t.equityBefore() == null || t.equityBefore().signum() <= 0) return null;
        if (t.exitTimeMs() < t.entryTimeMs()) return null;
        return new KpiSample(t.entryTimeMs(), t.exitTimeMs(), t.netPnl(), t.sizeUsd(), t.equityBefore(),
                KpiSample.Source.BACKTEST);
    }
}
