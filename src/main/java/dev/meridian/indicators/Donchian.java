package dev.meridian.indicators;

/**
 * Incremental Donchian channel: the highest high and lowest low of the last {@code period} bars
 * (the current bar included, as ta4j's DonchianChannelUpper/LowerIndicator do), and their midpoint.
 *
 * <p>Each extreme is kept in a monotonic deque of (bar number, price) on primitive ring arrays: a
 * new high evicts every older high that is not above it, since those can never again be the
 * maximum, and the front is dropped once it leaves the window. Each bar is pushed and popped at most
 * once, so updates are O(1) amortised and the deques never hold more than {@code period} entries.
 *
 * <p>Warm-up: {@link #ready()} is false and every value is NaN until {@code period} bars have been
 * seen. Values after bar i depend only on bars ≤ i. Invariant once ready: lower ≤ middle ≤ upper.
 */
public final class Donchian {
    private final int period;
    private final MonotonicDeque highs;
    private final MonotonicDeque lows;
    private long bar = -1;

    public Donchian(int period) {
        if (period < 1) throw new IllegalArgumentException("Donchian period must be >= 1, got " + period);
        this.period = period;
        this.highs = new MonotonicDeque(period, true);
        this.lows = new MonotonicDeque(period, false);
    }

    public void update(double high, double low) {
        bar++;
        long oldestKept = bar - period + 1;
        highs.push(bar, high, oldestKept);
        lows.push(bar, low, oldestKept);
    }

    public boolean ready() { return bar + 1 >= period; }

    public double upper() { return ready() ? highs.front() : Double.NaN; }

    public double lower() { return ready() ? lows.front() : Double.NaN; }

    public double middle() { return (upper() + lower()) / 2; }

    public int period() { return period; }

    /** Deque whose front is the window's maximum (or minimum); values strictly monotonic front to back. */
    private static final class MonotonicDeque {
        private final long[] bars;
        private final double[] values;
        private final boolean keepMax;
        private int head;
        private int size;

        MonotonicDeque(int capacity, boolean keepMax) {
            this.bars = new long[capacity];
            this.values = new double[capacity];
            this.keepMax = keepMax;
        }

        void push(long bar, double value, long oldestKept) {
            // Expire first: afterwards at most capacity − 1 entries remain, so the push always fits.
            while (size > 0 && bars[head] < oldestKept) {
                head = (head + 1) % bars.length;
                size--;
            }
            while (size > 0 && dominated(values[(head + size - 1) % bars.length], value)) size--;
            int tail = (head + size) % bars.length;
            bars[tail] = bar;
            values[tail] = value;
            size++;
        }

        private boolean dominated(double older, double newer) {
            return keepMax ? older <= newer : older >= newer;
        }

        double front() { return values[head]; }
    }
}
