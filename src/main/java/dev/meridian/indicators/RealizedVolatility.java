package dev.meridian.indicators;

/**
 * Incremental realized volatility: the population standard deviation of the last {@code period}
 * log returns ln(close_i / close_{i−1}), per bar and not annualised (multiply by
 * √(bars per year) for an annual figure; the caller knows its timeframe). Population rather than
 * sample std so that it matches ta4j's StandardDeviationIndicator and {@link BollingerBands}.
 * O(1) per bar (see {@link RollingStats}).
 *
 * <p>Warm-up: the first bar gives no return, so {@link #ready()} is false and {@link #value()} is
 * NaN until {@code period + 1} closes have been seen. The value after bar i depends only on bars
 * ≤ i. Closes must be positive; a non-positive close is rejected because its log return would be
 * NaN or infinite and would poison the window for {@code period} bars.
 */
public final class RealizedVolatility {
    private final RollingStats returns;
    private double prevClose = Double.NaN;

    public RealizedVolatility(int period) {
        if (period < 2) throw new IllegalArgumentException("realized volatility period must be >= 2, got " + period);
        this.returns = new RollingStats(period);
    }

    public void update(double close) {
        if (!(close > 0) || Double.isInfinite(close)) throw new IllegalArgumentException("close must be positive and finite, got " + close);
        if (!Double.isNaN(prevClose)) returns.push(Math.log(close / prevClose));
        prevClose = close;
    }

    public boolean ready() { return returns.full(); }

    public double value() { return ready() ? Math.sqrt(returns.variance()) : Double.NaN; }

    public int period() { return returns.length(); }

    /** Bars needed before {@link #ready()}: one more than the period, for the first return. */
    public int warmupBars() { return returns.length() + 1; }
}
