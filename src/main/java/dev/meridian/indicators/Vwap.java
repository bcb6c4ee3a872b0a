package dev.meridian.indicators;

/**
 * Rolling volume-weighted average price over the last {@code period} bars:
 * Σ(typical · volume) / Σ volume with typical = (high + low + close) / 3, the same price and window
 * (current bar included) as ta4j 0.17's VWAPIndicator(series, period). O(1) amortised per bar on
 * primitive ring buffers.
 *
 * <p>When every bar in the window has zero volume the ratio is 0/0; the value is then the plain
 * mean of the window's typical prices (ta4j divides by zero there). Volumes must be finite and
 * ≥ 0, so that Σ volume is 0 exactly when no bar in the window traded; a negative volume is refused.
 *
 * <p>The window sums are never formed by subtracting the bar that leaves: after a volume spike left
 * the window, the rounding residue of its huge product would swamp a quiet window's small sums.
 * Instead the ring is split at the write position: the older part of the window is a suffix of the
 * previous pass over the ring, whose suffix sums are computed once per wrap (O(n) per n bars), and
 * the newer part is a running sum since the wrap. Every value is thus a sum of exactly the window's
 * own terms.
 *
 * <p>Warm-up: {@link #ready()} is false and {@link #value()} is NaN until {@code period} bars have
 * been seen (ta4j averages the partial window instead). The value after bar i depends only on bars
 * ≤ i. Invariant once ready: the value lies between the lowest and highest typical price in the
 * window (up to rounding).
 */
public final class Vwap {
    private final double[] typical;
    private final double[] volume;
    // Suffix sums of the previous pass: index j covers ring slots j..n−1; index n is 0.
    private final double[] olderPv;
    private final double[] olderVolume;
    private final double[] olderTypical;
    // Sums over slots 0..next−1 written in the current pass.
    private double newerPv;
    private double newerVolume;
    private double newerTypical;
    private int next;
    private boolean full;

    public Vwap(int period) {
        if (period < 1) throw new IllegalArgumentException("VWAP period must be >= 1, got " + period);
        this.typical = new double[period];
        this.volume = new double[period];
        this.olderPv = new double[period + 1];
        this.olderVolume = new double[period + 1];
        this.olderTypical = new double[period + 1];
    }

    public void update(double high, double low, double close, double volume) {
        if (!(volume >= 0) || Double.isInfinite(volume)) {
            throw new IllegalArgumentException("VWAP volume must be finite and >= 0, got " + volume);
        }
        double tp = (high + low + close) / 3;
        typical[next] = tp;
        this.volume[next] = volume;
        newerPv += tp * volume;
        newerVolume += volume;
        newerTypical += tp;
        if (++next == typical.length) {
            next = 0;
            full = true;
            closePass();
        }
    }

    /** The pass just completed becomes the older part: its suffix sums, and an empty newer part. */
    private void closePass() {
        for (int j = typical.length - 1; j >= 0; j--) {
            olderPv[j] = olderPv[j + 1] + typical[j] * volume[j];
            olderVolume[j] = olderVolume[j + 1] + volume[j];
            olderTypical[j] = olderTypical[j + 1] + typical[j];
        }
        newerPv = 0;
        newerVolume = 0;
        newerTypical = 0;
    }

    public boolean ready() { return full; }

    /** The rolling VWAP, or the mean typical price over a window without volume; NaN before {@link #ready()}. */
    public double value() {
        if (!full) return Double.NaN;
        double sumVolume = olderVolume[next] + newerVolume;
        if (sumVolume == 0) return (olderTypical[next] + newerTypical) / typical.length;
        return (olderPv[next] + newerPv) / sumVolume;
    }

    public int period() { return typical.length; }

    /** Bars needed before {@link #ready()}: the period. */
    public int warmupBars() { return typical.length; }
}
