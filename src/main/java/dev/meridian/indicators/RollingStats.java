package dev.meridian.indicators;

/**
 * Mean and population variance of the last {@code n} values pushed, updated in O(1) per value on a
 * primitive ring buffer. Shared by {@link Sma}, {@link BollingerBands} and
 * {@link RealizedVolatility} so all three use the same numerics.
 *
 * <p>Sliding updates use Welford's replace-one form rather than running sums of x and x², because
 * sum(x²)/n − mean² cancels catastrophically for prices (mean² ≈ 10⁶–10⁹ against a variance of a few
 * units). Sliding updates still accumulate rounding error over a long live run, and can leave a tiny
 * non-zero variance on a window that has gone flat, so every time the ring buffer wraps the mean
 * and M2 are recomputed exactly from the window: O(n) once per n values, i.e. O(1) amortised. The
 * error is therefore that of at most n sliding steps, and a flat window reads exactly 0 from the
 * next wrap on.
 *
 * <p>Invariant: after k ≥ n pushes, {@link #mean()} and {@link #variance()} describe exactly the last
 * n values (up to rounding) and {@code variance() >= 0}.
 */
final class RollingStats {
    private final double[] window;
    private int next;
    private int count;
    private double mean;
    private double m2;

    RollingStats(int n) {
        if (n < 1) throw new IllegalArgumentException("window length must be >= 1, got " + n);
        this.window = new double[n];
    }

    void push(double x) {
        int n = window.length;
        if (count < n) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        } else {
            double old = window[next];
            double oldMean = mean;
            mean += (x - old) / n;
            m2 += (x - old) * (x - mean + old - oldMean);
        }
        window[next] = x;
        if (++next == n) {
            next = 0;
            resync();
        }
    }

    /** Two-pass exact recomputation over the full window; see the class comment for why. */
    private void resync() {
        double sum = 0;
        for (double v : window) sum += v;
        double exactMean = sum / window.length;
        double squares = 0;
        for (double v : window) {
            double d = v - exactMean;
            squares += d * d;
        }
        mean = exactMean;
        m2 = squares;
    }

    boolean full() { return count == window.length; }

    int length() { return window.length; }

    double mean() { return mean; }

    /** Population variance (divides by n, as ta4j's VarianceIndicator does), clamped at 0 against rounding. */
    double variance() { return Math.max(0.0, m2 / count); }
}
