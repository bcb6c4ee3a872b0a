package dev.meridian.indicators;

/**
 * Incremental Bollinger bands over the last {@code period} closes: middle = SMA, upper/lower =
 * middle ± k·σ where σ is the <em>population</em> standard deviation of the same window (divides by
 * n, as ta4j 0.17's StandardDeviationIndicator does), and {@link #bandwidth()} = (upper − lower) /
 * middle as a fraction (ta4j's BollingerBandWidthIndicator is the same number × 100). O(1) per bar
 * (see {@link RollingStats}).
 *
 * <p>Warm-up: {@link #ready()} is false and every value is NaN until {@code period} closes have
 * been seen. The values after bar i depend only on bars ≤ i. Invariant once ready:
 * lower ≤ middle ≤ upper.
 */
public final class BollingerBands {
    private final RollingStats stats;
    private final double k;

    public BollingerBands(int period, double k) {
        if (period < 2) throw new IllegalArgumentException("Bollinger period must be >= 2, got " + period);
        if (!(k > 0) || Double.isInfinite(k)) throw new IllegalArgumentException("Bollinger k must be a positive finite number, got " + k);
        this.stats = new RollingStats(period);
        this.k = k;
    }

    public void update(double close) { stats.push(close); }

    public boolean ready() { return stats.full(); }

    public double middle() { return ready() ? stats.mean() : Double.NaN; }

    public double stdDev() { return ready() ? Math.sqrt(stats.variance()) : Double.NaN; }

    public double upper() { return middle() + k * stdDev(); }

    public double lower() { return middle() - k * stdDev(); }

    /** (upper − lower) / middle = 2kσ / middle; NaN during warm-up. */
    public double bandwidth() { return 2 * k * stdDev() / middle(); }

    public int period() { return stats.length(); }
}
