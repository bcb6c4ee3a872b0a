package dev.meridian.exchange;

import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th delay (n from 0) is uniform in
 * {@code [0, min(max, base·2^n)]}.
 *
 * <p>Full jitter spreads the reconnects of many clients (and of our Bybit category streams and the
 * OANDA pricing stream after a shared network blip) instead of having them retry in lock-step; the
 * cap keeps a long outage from pushing the next attempt out of reach. Shared by every venue's
 * streams. Not thread-safe: owned by one stream on its event loop.
 */
public final class Backoff {
    // 2^20 × any sane base already exceeds any sane cap; stopping there keeps the shift from overflowing.
    private static final int MAX_EXPONENT = 20;

    private final long baseMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int attempts;

    public Backoff(long baseMs, long maxMs, RandomGenerator random) {
        if (baseMs <= 0 || maxMs < baseMs) {
            throw new IllegalArgumentException("need 0 < base <= max, got base " + baseMs + " ms, max " + maxMs + " ms");
        }
        this.baseMs = baseMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** The delay before the next attempt, in ms; each call counts one more attempt. */
    public long nextDelayMs() {
        long ceiling = ceilingMs(attempts);
        attempts++;
        return random.nextLong(ceiling + 1);
    }

    /** The upper bound of the n-th delay (n from 0). */
    public long ceilingMs(int n) {
        long exp = baseMs << Math.min(n, MAX_EXPONENT);
        return Math.min(maxMs, exp);
    }

    /** Attempts counted since the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    /** Starts over from the base delay (after a connection proved stable). */
    public void reset() {
        attempts = 0;
    }
}
