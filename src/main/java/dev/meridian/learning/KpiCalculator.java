package dev.meridian.learning;

import dev.meridian.core.AssetClass;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link KpiReport} of a track record. Pure and deterministic: the result depends only
 * on the samples as a multiset, never on their order (they are sorted by exit time, then entry time,
 * before anything is computed; exact ties are broken by the remaining fields) and on
 * {@code periodsPerYear}. Inputs are
 * read as {@code BigDecimal}; ratios are computed in double arithmetic.
 *
 * <p>Definitions (mirrored in docs/risk.md, "KPI definitions"):
 * <ul>
 *   <li><b>expectancy</b> = arithmetic mean of per-trade net returns {@code netPnl / sizeUsd}
 *       (fraction of size).</li>
 *   <li><b>winRate</b> = (#trades with {@code netPnl > 0}) / trades.</li>
 *   <li><b>profitFactor</b> = Σ positive netPnl / |Σ negative netPnl|; +Infinity with winners but no
 *       losers; 0 with losers but no winners; NaN with neither (every trade exactly 0).</li>
 *   <li><b>Daily returns</b>: trades are bucketed by the UTC calendar day of their exit time. Every
 *       day from the first trade's exit day to the last trade's exit day inclusive is a period; a day
 *       without exits has return 0. A day's return = Σ netPnl of the trades exiting that day /
 *       {@code equityBefore} of the first trade (in exit order) exiting that day. {@code days} = the
 *       number of periods.</li>
 *   <li><b>sharpe</b> = mean(daily) / sampleStdDev(daily) × √periodsPerYear (sample: divide by
 *       days − 1). With one day, or a standard deviation of 0: +Infinity if mean &gt; 0, −Infinity if
 *       mean &lt; 0, 0 if mean = 0.</li>
 *   <li><b>sortino</b> = mean(daily) / downsideDeviation × √periodsPerYear, where
 *       downsideDeviation = √(Σ min(0, r)² / days) (target 0, divided by all days). With no
 *       negative day: +Infinity if mean &gt; 0, 0 if mean = 0.</li>
 *   <li><b>Equity path</b>: E₀ = {@code equityBefore} of the first trade; after each trade in exit
 *       order E += netPnl. <b>maxDrawdown</b> = max over the path of (running peak − E) / running
 *       peak, a fraction ≥ 0 (0 when E never falls below a peak; above 1 only if E goes negative).</li>
 *   <li><b>annualisedReturn</b> = mean(daily) × periodsPerYear, arithmetic.</li>
 *   <li><b>calmar</b> = annualisedReturn / maxDrawdown; with maxDrawdown = 0: +Infinity if
 *       annualisedReturn &gt; 0, 0 if = 0, −Infinity if &lt; 0.</li>
 * </ul>
 * An empty record gives {@link KpiReport#empty()}: 0 trades and NaN for every ratio.
 */
public final class KpiCalculator {
    static final long DAY_MS = 86_400_000L;

    // Exit time, then entry time, as defined; the remaining keys only break exact ties, because the
    // first trade of a day supplies that day's base and the first trade of all supplies E0, so the
    // order of tied trades must not depend on the order they were handed in.
    private static final Comparator<KpiSample> EXIT_ORDER = Comparator.comparingLong(KpiSample::exitTimeMs)
            .thenComparingLong(KpiSample::entryTimeMs)
            .thenComparing(KpiSample::equityBefore)
            .thenComparing(KpiSample::netPnl)
            .thenComparing(KpiSample::sizeUsd)
            .thenComparing(KpiSample::source);

    private KpiCalculator() {}

    /**
     * Periods per year for annualising daily returns. KPIs are computed on daily returns whatever
     * the bar timeframe, so this depends on the asset class only: crypto (SPOT, PERP, OPTIONS)
     * trades every day of the year, 365; FOREX trades five-day weeks, 260.
     */
    public static int periodsPerYear(AssetClass assetClass) {
        return switch (Objects.requireNonNull(assetClass, "assetClass")) {
            case SPOT, PERP, OPTIONS -> 365;
            case FOREX -> 260;
        };
    }

    /**
     * The samples that closed within the rolling window: {@code exitTimeMs > nowMs − windowDays × 24 h}.
     * Keeps the input order.
     *
     * @param windowDays at least 1 ({@code kpi_policy.json window_days})
     */
    public static List<KpiSample> window(List<KpiSample> all, long nowMs, int windowDays) {
        Objects.requireNonNull(all, "all");
        if (windowDays < 1) throw new IllegalArgumentException("windowDays must be >= 1, got " + windowDays);
        long cutoff = nowMs - windowDays * DAY_MS;
        List<KpiSample> out = new ArrayList<>();
        for (KpiSample s : all) {
            if (Objects.requireNonNull(s, "sample").exitTimeMs() > cutoff) out.add(s);
        }
        return List.copyOf(out);
    }

    /**
     * The KPIs of {@code samples}, in any order.
     *
     * @param periodsPerYear at least 1; see {@link #periodsPerYear(AssetClass)}
     */
    public static KpiReport compute(List<KpiSample> samples, int periodsPerYear) {
        Objects.requireNonNull(samples, "samples");
        if (periodsPerYear < 1) throw new IllegalArgumentException("periodsPerYear must be >= 1, got " + periodsPerYear);
        if (samples.isEmpty()) return KpiReport.empty();
        List<KpiSample> sorted = new ArrayList<>(samples);
        sorted.forEach(s -> Objects.requireNonNull(s, "sample"));
        sorted.sort(EXIT_ORDER);
        int n = sorted.size();

        EnumMap<KpiSample.Source, Integer> evidence = new EnumMap<>(KpiSample.Source.class);
        for (KpiSample.Source s : KpiSample.Source.values()) evidence.put(s, 0);
        double returnSum = 0;
        int wins = 0;
        // Gross profit and loss stay exact so that the "no losers" and "all zero" cases are decided exactly.
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        for (KpiSample s : sorted) {
            evidence.merge(s.source(), 1, Integer::sum);
            returnSum += s.netReturn();
            int sign = s.netPnl().signum();
            if (sign > 0) {
                wins++;
                grossProfit = grossProfit.add(s.netPnl());
            } else if (sign < 0) {
                grossLoss = grossLoss.add(s.netPnl().negate());
            }
        }
        double expectancy = returnSum / n;
        double winRate = (double) wins / n;
        double profitFactor = profitFactor(grossProfit, grossLoss);

        double[] daily = dailyReturns(sorted);
        double mean = mean(daily);
        double sqrtYear = Math.sqrt(periodsPerYear);
        double sharpe = sharpe(daily, mean, sqrtYear);
        double sortino = sortino(daily, mean, sqrtYear);
        double maxDrawdown = maxDrawdown(sorted);
        // Arithmetic, not compounded: a few weeks of +1 %/day compound to a yearly figure in the
        // thousands of percent, which says nothing and would make Calmar pass any threshold.
        double annualised = mean * periodsPerYear;
        double calmar = maxDrawdown == 0 ? signedInfinity(annualised) : annualised / maxDrawdown;

        return new KpiReport(n, sharpe, sortino, calmar, maxDrawdown, expectancy, winRate, profitFactor,
                annualised, daily.length, evidence);
    }

    private static double profitFactor(BigDecimal grossProfit, BigDecimal grossLoss) {
        if (grossLoss.signum() == 0) return grossProfit.signum() > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        return grossProfit.divide(grossLoss, MathContext.DECIMAL64).doubleValue();
    }

    /** One return per UTC day from the first exit day to the last, inclusive; {@code sorted} is in exit order. */
    private static double[] dailyReturns(List<KpiSample> sorted) {
        long firstDay = Math.floorDiv(sorted.get(0).exitTimeMs(), DAY_MS);
        long lastDay = Math.floorDiv(sorted.get(sorted.size() - 1).exitTimeMs(), DAY_MS);
        long span = lastDay - firstDay + 1;
        if (span > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("the record spans " + span + " days");
        double[] daily = new double[(int) span];
        int i = 0;
        while (i < sorted.size()) {
            long day = Math.floorDiv(sorted.get(i).exitTimeMs(), DAY_MS);
            // The day's base is the equity before its first exit: the capital at stake that day.
            BigDecimal base = sorted.get(i).equityBefore();
            BigDecimal pnl = BigDecimal.ZERO;
            while (i < sorted.size() && Math.floorDiv(sorted.get(i).exitTimeMs(), DAY_MS) == day) {
                pnl = pnl.add(sorted.get(i).netPnl());
                i++;
            }
            daily[(int) (day - firstDay)] = pnl.divide(base, MathContext.DECIMAL64).doubleValue();
        }
        return daily;
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) sum += x;
        return sum / xs.length;
    }

    private static double sharpe(double[] daily, double mean, double sqrtYear) {
        if (daily.length < 2 || isConstant(daily)) return signedInfinity(mean);
        double squares = 0;
        for (double r : daily) squares += (r - mean) * (r - mean);
        double sd = Math.sqrt(squares / (daily.length - 1));
        // Underflow of tiny deviations would divide by 0; treat it as the zero-variance case.
        return sd == 0 ? signedInfinity(mean) : mean / sd * sqrtYear;
    }

    // A constant series has a standard deviation of exactly 0, but its mean, rounded, can differ
    // from its elements by an ulp and yield a spurious tiny deviation and a huge finite Sharpe.
    private static boolean isConstant(double[] xs) {
        for (double x : xs) if (x != xs[0]) return false;
        return true;
    }

    private static double sortino(double[] daily, double mean, double sqrtYear) {
        double downside = 0;
        for (double r : daily) if (r < 0) downside += r * r;
        if (downside == 0) return signedInfinity(mean);
        return mean / Math.sqrt(downside / daily.length) * sqrtYear;
    }

    /** Over the equity path starting at the first trade's equityBefore; {@code sorted} is in exit order. */
    private static double maxDrawdown(List<KpiSample> sorted) {
        BigDecimal equity = sorted.get(0).equityBefore();
        BigDecimal peak = equity;
        double worst = 0;
        for (KpiSample s : sorted) {
            equity = equity.add(s.netPnl());
            if (equity.compareTo(peak) > 0) {
                peak = equity;
            } else {
                double dd = peak.subtract(equity).divide(peak, MathContext.DECIMAL64).doubleValue();
                if (dd > worst) worst = dd;
            }
        }
        return worst;
    }

    /** The limit of x / 0⁺ for the degenerate ratios: the sign of {@code x}, or 0. */
    private static double signedInfinity(double x) {
        if (x > 0) return Double.POSITIVE_INFINITY;
        if (x < 0) return Double.NEGATIVE_INFINITY;
        return 0;
    }
}
