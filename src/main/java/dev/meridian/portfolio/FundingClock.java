package dev.meridian.portfolio;

import java.util.HashMap;
import java.util.Map;

/**
 * When paper perp positions pay funding: at every 00:00, 08:00 and 16:00 UTC of event time, as on
 * Bybit's 8-hour linear contracts. It sees every print of a symbol, warm-up included, so that a
 * run restarted mid-replay finds the same settlements as an uninterrupted one (and the backtest the
 * same as the replay); {@link #settles} says whether a print is the first at or after a settlement
 * time. Not thread-safe.
 */
public final class FundingClock {
    public static final long INTERVAL_MS = 8 * 3_600_000L;

    private final Map<String, Long> lastMs = new HashMap<>();

    /** Whether a settlement time lies in (previous print of the perp {@code symbol}, {@code timeMs}]; the first print never settles. */
    public boolean settles(String symbol, long timeMs) {
        Long previous = lastMs.put(symbol, timeMs);
        return previous != null && Math.floorDiv(timeMs, INTERVAL_MS) > Math.floorDiv(previous, INTERVAL_MS);
    }
}
