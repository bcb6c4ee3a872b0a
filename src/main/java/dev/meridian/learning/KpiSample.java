package dev.meridian.learning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * One closed trade as evidence for the KPI gates ({@link KpiCalculator}).
 *
 * <p>Invariants: {@code entryTimeMs <= exitTimeMs}; {@code sizeUsd > 0} and {@code equityBefore > 0}
 * (both are divisors); every amount is finite as a double, so the ratios computed from it are
 * never NaN because of an input.
 *
 * @param entryTimeMs  event time of the entry fill, epoch milliseconds
 * @param exitTimeMs   event time of the exit fill, epoch milliseconds; decides the trade's UTC day
 * @param netPnl       realised profit or loss in USD after fees and slippage
 * @param sizeUsd      notional at entry in USD
 * @param equityBefore the sub-ledger's equity in USD just before the trade was opened
 * @param source       where the trade happened
 */
public record KpiSample(long entryTimeMs, long exitTimeMs, BigDecimal netPnl, BigDecimal sizeUsd,
                        BigDecimal equityBefore, Source source) {

    /** Where a trade happened. Every source counts as evidence; the report says how much came from each. */
    public enum Source { PAPER, LIVE, BACKTEST }

    public KpiSample {
        Objects.requireNonNull(netPnl, "netPnl");
        Objects.requireNonNull(sizeUsd, "sizeUsd");
        Objects.requireNonNull(equityBefore, "equityBefore");
        Objects.requireNonNull(source, "source");
        if (exitTimeMs < entryTimeMs) {
            throw new IllegalArgumentException("exitTimeMs " + exitTimeMs + " is before entryTimeMs " + entryTimeMs);
        }
        if (sizeUsd.signum() <= 0) throw new IllegalArgumentException("sizeUsd must be > 0, got " + sizeUsd.toPlainString());
        if (equityBefore.signum() <= 0) {
            throw new IllegalArgumentException("equityBefore must be > 0, got " + equityBefore.toPlainString());
        }
        requireFinite("netPnl", netPnl);
        requireFinite("sizeUsd", sizeUsd);
        requireFinite("equityBefore", equityBefore);
    }

    /** Net return as a fraction of size: {@code netPnl / sizeUsd} (0.01 = 1 % of the notional). */
    public double netReturn() { return netPnl.divide(sizeUsd, MathContext.DECIMAL64).doubleValue(); }

    // A BigDecimal beyond double range would turn into ±Infinity in the ratios and then NaN.
    private static void requireFinite(String name, BigDecimal v) {
        if (!Double.isFinite(v.doubleValue())) throw new IllegalArgumentException(name + " is beyond double range: " + v);
    }
}
