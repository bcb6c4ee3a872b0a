package dev.meridian.learning;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The KPIs of one track record, as defined in {@link KpiCalculator} (and docs/risk.md, "KPI
 * definitions"). Ratios are plain doubles and non-finite values carry meaning: +Infinity is "no
 * dispersion or no loss to divide by, and the record gained" (e.g. a Sortino with no losing day),
 * NaN is "undefined" (e.g. any ratio of an empty record, or a profit factor with neither winners
 * nor losers). The KPI gate treats NaN as failing and +Infinity as passing a minimum.
 *
 * <p>Invariants: {@code trades >= 0}, {@code days >= 0}, {@code days == 0} exactly when
 * {@code trades == 0}; {@code evidence} holds every {@link KpiSample.Source} (0 when absent), its
 * counts sum to {@code trades}, and it is unmodifiable.
 *
 * @param trades           closed trades in the record
 * @param sharpe           annualised Sharpe ratio of daily returns
 * @param sortino          annualised Sortino ratio of daily returns (target 0)
 * @param calmar           {@code annualisedReturn / maxDrawdown}
 * @param maxDrawdown      largest peak-to-trough fall of the record's equity path, fraction of the peak
 * @param expectancy       mean net return per trade, fraction of size
 * @param winRate          fraction of trades with {@code netPnl > 0}
 * @param profitFactor     gross profit over gross loss
 * @param annualisedReturn mean daily return × periods per year (no compounding)
 * @param days             UTC calendar days from the first exit's day to the last's, inclusive
 * @param evidence         trades per source
 */
public record KpiReport(int trades, double sharpe, double sortino, double calmar, double maxDrawdown,
                        double expectancy, double winRate, double profitFactor, double annualisedReturn,
                        int days, Map<KpiSample.Source, Integer> evidence) {

    public KpiReport {
        if (trades < 0) throw new IllegalArgumentException("trades must be >= 0, got " + trades);
        if (days < 0) throw new IllegalArgumentException("days must be >= 0, got " + days);
        if ((days == 0) != (trades == 0)) {
            throw new IllegalArgumentException("days is 0 exactly when trades is 0, got " + trades + " trades over " + days + " days");
        }
        Objects.requireNonNull(evidence, "evidence");
        EnumMap<KpiSample.Source, Integer> copy = new EnumMap<>(KpiSample.Source.class);
        int sum = 0;
        for (KpiSample.Source s : KpiSample.Source.values()) {
            Integer n = evidence.get(s);
            if (n == null) throw new IllegalArgumentException("evidence lacks " + s);
            if (n < 0) throw new IllegalArgumentException("evidence for " + s + " must be >= 0, got " + n);
            copy.put(s, n);
            sum += n;
        }
        if (evidence.size() != copy.size()) throw new IllegalArgumentException("evidence has keys besides the sources");
        if (sum != trades) throw new IllegalArgumentException("evidence counts " + sum + " trades, the report " + trades);
        evidence = Collections.unmodifiableMap(copy);
    }

    /** The report of no trades at all: every ratio NaN, no days, no evidence. */
    public static KpiReport empty() {
        EnumMap<KpiSample.Source, Integer> none = new EnumMap<>(KpiSample.Source.class);
        for (KpiSample.Source s : KpiSample.Source.values()) none.put(s, 0);
        double nan = Double.NaN;
        return new KpiReport(0, nan, nan, nan, nan, nan, nan, nan, nan, 0, none);
    }
}
