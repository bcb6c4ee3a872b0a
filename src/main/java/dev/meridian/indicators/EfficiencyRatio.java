package dev.meridian.indicators;

/**
 * Kaufman's efficiency ratio over the last {@code n} price changes, O(1) per update:
 * ER = |close_t − close_{t−n}| / Σ_{i=t−n+1..t} |close_i − close_{i−1}|. It is the net move as a
 * fraction of the path travelled: 1 for a straight line, near 0 for back-and-forth noise. This is the
 * same ratio ta4j 0.17's KAMAIndicator computes internally (ta4j has no stand-alone ER indicator).
 *
 * <p>Contract: {@link #value()} is NaN until {@code n + 1} closes have been seen ({@link #ready()}
 * false); afterwards it lies in [0, 1] and is 0 when the path is 0 (n identical closes in a row),
 * because no motion carries no directional efficiency. The value after update i depends only on
 * updates ≤ i.
 *
 * <p>The path is a sliding sum of absolute changes, which drifts by rounding over a long live run
 * (and can leave a flat window a hair above 0), so it is re-summed exactly from the ring every time
 * the ring wraps: O(n) once per n + 1 updates, O(1) amortised — the same policy as
 * {@link RollingStats}.
 */
public final class EfficiencyRatio {
    private final int n;
    /** The last n + 1 closes; once full, {@code closes[next]} is the oldest. */
    private final double[] closes;
    /**
     * {@code changes[j]} is the absolute change that ended in {@code closes[j]}. The one stored with
     * the oldest close ended outside the window, so the path is {@link #stored} minus that slot.
     */
    private final double[] changes;
    private int next;
    private long count;
    private double stored;

    public EfficiencyRatio(int n) {
        if (n < 1) throw new IllegalArgumentException("efficiency ratio period must be >= 1, got " + n);
        this.n = n;
        this.closes = new double[n + 1];
        this.changes = new double[n + 1];
    }

    public void update(double close) {
        int newest = next == 0 ? n : next - 1;
        double change = count == 0 ? 0 : Math.abs(close - closes[newest]);
        stored += change - changes[next];
        closes[next] = close;
        changes[next] = change;
        count++;
        if (++next == n + 1) {
            next = 0;
            resync();
        }
    }

    private void resync() {
        double sum = 0;
        for (double c : changes) sum += c;
        stored = sum;
    }

    /** True once {@code n + 1} closes (n changes) have been seen. */
    public boolean ready() { return count > n; }

    /** The ratio in [0, 1]; NaN during the warm-up. */
    public double value() {
        if (!ready()) return Double.NaN;
        int newest = next == 0 ? n : next - 1;
        double net = Math.abs(closes[newest] - closes[next]);
        double path = stored - changes[next];
        if (!(path > 0)) return 0;
        // Rounding can leave the sliding path a hair below the net move of a straight line.
        return Math.min(1.0, net / path);
    }

    public int period() { return n; }

    /** Bars needed before {@link #ready()}. */
    public int warmupBars() { return n + 1; }
}
