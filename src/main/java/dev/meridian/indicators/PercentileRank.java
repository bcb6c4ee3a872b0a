package dev.meridian.indicators;

/**
 * Where the newest of the last {@code n} values stands among them, as a mid-rank percentile in
 * [0, 1]: (number of window values strictly below it + ½·(number of other values equal to it)) /
 * (n − 1). The unique maximum is 1, the unique minimum 0, and a window of identical values 0.5,
 * so a flat series never looks extreme.
 *
 * <p>Contract: {@link #value()} is NaN until {@code n} values have been pushed; the value after push
 * i depends only on pushes ≤ i. Callers push only finite values. A push is O(1); {@link #value()}
 * scans the window, O(n): n is a few hundred in practice and a value is read once per bar, which
 * is cheaper than keeping an order-statistics tree in sync.
 */
public final class PercentileRank {
    private final double[] window;
    private int next;
    private int count;

    public PercentileRank(int n) {
        if (n < 2) throw new IllegalArgumentException("percentile window must be >= 2, got " + n);
        this.window = new double[n];
    }

    public void update(double x) {
        window[next] = x;
        if (++next == window.length) next = 0;
        if (count < window.length) count++;
    }

    public boolean ready() { return count == window.length; }

    public double value() {
        if (!ready()) return Double.NaN;
        int n = window.length;
        double newest = window[next == 0 ? n - 1 : next - 1];
        int below = 0;
        int equal = 0;
        for (double v : window) {
            if (v < newest) below++;
            else if (v == newest) equal++;
        }
        // `equal` counts the newest value itself.
        return (below + 0.5 * (equal - 1)) / (n - 1);
    }

    public int length() { return window.length; }
}
