package dev.meridian.indicators;

/**
 * Incremental relative strength index with Wilder smoothing, O(1) per bar. The average gain and
 * loss are seeded with the plain mean of the first {@code period} close-to-close changes (Wilder's
 * original seed, as {@link Atr} does for true ranges), then smoothed as avg += (x − avg) / period.
 *
 * <p>ta4j's RSIIndicator seeds its MMA with the first value (a zero gain/loss at bar 0) instead; the
 * two agree once the seed has decayed by (1 − 1/period)^bars.
 *
 * <p>Warm-up: the first close gives no change, so {@link #ready()} is false and {@link #value()} is
 * NaN until {@code period + 1} closes have been seen. The value after bar i depends only on bars
 * ≤ i. Once ready the value lies in [0, 100]: 100 when the window had gains and no losses, and 50
 * when it had neither (ta4j says 0 there; a flat market has no strength either way).
 */
public final class Rsi {
    private final int period;
    private double avgGain;
    private double avgLoss;
    private double prevClose = Double.NaN;
    private int changes;

    public Rsi(int period) {
        if (period < 1) throw new IllegalArgumentException("RSI period must be >= 1, got " + period);
        this.period = period;
    }

    public void update(double close) {
        if (Double.isNaN(prevClose)) {
            prevClose = close;
            return;
        }
        double change = close - prevClose;
        prevClose = close;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        changes++;
        // During the seed the divisor is the count so far (a running mean); afterwards it is the period.
        int divisor = Math.min(changes, period);
        avgGain += (gain - avgGain) / divisor;
        avgLoss += (loss - avgLoss) / divisor;
    }

    public boolean ready() { return changes >= period; }

    public double value() {
        if (!ready()) return Double.NaN;
        if (avgLoss == 0) return avgGain == 0 ? 50.0 : 100.0;
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    public int period() { return period; }

    /** Bars needed before {@link #ready()}: one more than the period, for the first change. */
    public int warmupBars() { return period + 1; }
}
