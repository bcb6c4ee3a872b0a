package dev.meridian.indicators;

/**
 * Incremental exponential moving average, seeded with the simple average of its first
 * {@code period} values (as ta4j's EMAIndicator is not: ta4j seeds with the first value; we keep
 * the classic SMA seed and state it here). {@link #ready()} is false during the warm-up of
 * {@code period} values; a value at update i depends only on updates ≤ i.
 */
public final class Ema {
    private final int period;
    private final double k;
    private double value;
    private double seedSum;
    private int count;

    public Ema(int period) {
        if (period < 1) throw new IllegalArgumentException("EMA period must be >= 1, got " + period);
        this.period = period;
        this.k = 2.0 / (period + 1);
    }

    public void update(double x) {
        count++;
        if (count <= period) {
            seedSum += x;
            value = seedSum / count;
        } else {
            value += k * (x - value);
        }
    }

    public boolean ready() { return count >= period; }

    public double value() { return value; }

    public int period() { return period; }
}
