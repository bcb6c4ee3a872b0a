package dev.meridian.config;

import java.math.BigDecimal;

/**
 * What a track record must show before an (asset class, mode) may trade live funds. Paper trading
 * goes on regardless, so evidence keeps accumulating. The ratios have the definitions of
 * {@code GET /api/kpis}; win rate is advisory and has no threshold.
 *
 * @param minTrades     closed trades needed before the other figures count, in 1..1000000
 * @param minExpectancy expectancy must be strictly greater: the mean net return per trade after
 *                      fees and slippage, as a fraction of size (0 = "positive after fees"), in [0, 1)
 * @param minSharpe     least Sharpe ratio, in [0, 100]
 * @param minSortino    least Sortino ratio, in [0, 100]
 * @param minCalmar     least Calmar ratio, in [0, 100]
 * @param maxDrawdown   largest peak-to-trough drawdown of the record's equity, as a fraction, in (0, 1]
 */
public record KpiThresholds(int minTrades, BigDecimal minExpectancy, double minSharpe, double minSortino,
                            double minCalmar, BigDecimal maxDrawdown) {
    static final Range MIN_TRADES = Range.ints(1, 1_000_000);
    static final Range MIN_EXPECTANCY = Range.closedOpen("0", "1");
    static final Range RATIO = Range.closed("0", "100");
    static final Range MAX_DRAWDOWN = Range.openClosed("0", "1");

    public KpiThresholds {
        MIN_TRADES.check("min_trades", minTrades);
        MIN_EXPECTANCY.check("min_expectancy", minExpectancy);
        RATIO.check("min_sharpe", minSharpe);
        RATIO.check("min_sortino", minSortino);
        RATIO.check("min_calmar", minCalmar);
        MAX_DRAWDOWN.check("max_drawdown", maxDrawdown);
    }

    /** The thresholds that pass only what passes both: the larger minimum and the smaller drawdown of each pair. */
    public KpiThresholds stricter(KpiThresholds other) {
        return new KpiThresholds(Math.max(minTrades, other.minTrades), minExpectancy.max(other.minExpectancy),
                Math.max(minSharpe, other.minSharpe), Math.max(minSortino, other.minSortino),
                Math.max(minCalmar, other.minCalmar), maxDrawdown.min(other.maxDrawdown));
    }
}
