package dev.meridian.indicators;

/**
 * Incremental simple moving average of the last {@code period} values, O(1) per update.
 *
 * <p>Warm-up: {@link #ready()} is false and {@link #value()} is NaN until {@code period} values
 * have been seen (ta4j's SMAIndicator instead averages the partial window; we refuse to give a
 * value nobody should trade on). The value after update i depends only on updates ≤ i.
 */
public final class Sma {
    private final RollingStats stats;

    public Sma(int period) {
        if (period < 1) throw new IllegalArgumentException("SMA period must be >= 1, got " + period);
        this.stats = new RollingStats(period);
    }

    public void update(double x) { stats.push(x); }

    public boolean ready() { return stats.full(); }

    public double value() { return ready() ? stats.mean() : Double.NaN; }

    public int period() { return stats.length(); }
}
