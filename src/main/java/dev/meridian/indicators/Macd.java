package dev.meridian.indicators;

/**
 * Incremental MACD on closes, O(1) per bar: {@link #macd()} = EMA(fast) − EMA(slow) of the close,
 * {@link #signal()} = EMA(signal) of the MACD line, {@link #histogram()} = macd − signal. All three
 * EMAs are {@link Ema}, so each is seeded with the plain mean of its first {@code period} inputs.
 *
 * <p>The signal EMA is fed only MACD values from bar {@code slow − 1} on, when the slow EMA has
 * finished its seed; earlier differences of two half-seeded averages mean nothing and would leak
 * into the signal. ta4j's MACDIndicator and an EMAIndicator over it instead seed every EMA with its
 * bar-0 input (so the signal starts from macd(0) = 0). The two therefore agree only once those
 * seeds have decayed, by about (1 − 2/(slow + 1))^bars.
 *
 * <p>Warm-up: {@link #macd()} is NaN until {@code slow} closes have been seen; {@link #signal()},
 * {@link #histogram()} and {@link #ready()} need {@code slow + signal − 1} closes
 * ({@link #warmupBars()}), the signal seed overlapping the MACD line's first bar. Values after bar
 * i depend only on bars ≤ i. Invariant once ready: histogram() == macd() − signal().
 */
public final class Macd {
    private final Ema fast;
    private final Ema slow;
    private final Ema signal;

    public Macd(int fast, int slow, int signal) {
        if (fast < 1) throw new IllegalArgumentException("MACD fast period must be >= 1, got " + fast);
        if (fast >= slow) throw new IllegalArgumentException("MACD needs fast < slow, got " + fast + " >= " + slow);
        if (signal < 1) throw new IllegalArgumentException("MACD signal period must be >= 1, got " + signal);
        this.fast = new Ema(fast);
        this.slow = new Ema(slow);
        this.signal = new Ema(signal);
    }

    public void update(double close) {
        fast.update(close);
        slow.update(close);
        if (slow.ready()) signal.update(fast.value() - slow.value());
    }

    /** True once macd, signal and histogram all have values: after {@link #warmupBars()} closes. */
    public boolean ready() { return signal.ready(); }

    /** EMA(fast) − EMA(slow) of the close; NaN before {@code slow} closes. */
    public double macd() { return slow.ready() ? fast.value() - slow.value() : Double.NaN; }

    /** EMA of the MACD line; NaN before {@link #ready()}. */
    public double signal() { return ready() ? signal.value() : Double.NaN; }

    /** macd() − signal(); NaN before {@link #ready()}. */
    public double histogram() { return macd() - signal(); }

    /** Closes needed before {@link #ready()}: {@code slow + signal − 1}. */
    public int warmupBars() { return slow.period() + signal.period() - 1; }
}
