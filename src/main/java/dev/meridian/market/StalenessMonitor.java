package dev.meridian.market;

import dev.meridian.config.WeeklyWindow;
import dev.meridian.core.AssetClass;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tracks the wall time of the last message per symbol key; a symbol is stale once nothing arrived
 * for longer than its limit, and fresh again with its next message. Keys are
 * {@code ASSET_CLASS:SYMBOL}, as the market verticles make them.
 *
 * <p>The forex market shuts for the weekend ({@code session_policy.json forex_closed}, shipped
 * Friday 22:00 – Sunday 22:00 UTC), and a forex feed is silent then by design: given that window,
 * a {@code FOREX:} key is never stale inside it, and after it the silence counts from the reopening
 * (so the limit is the time the feed has to deliver its first price of the week). Without a window
 * every key is judged alike. Not thread-safe.
 */
public final class StalenessMonitor {
    private static final String FOREX_KEY = AssetClass.FOREX + ":";
    private static final long MINUTE_MS = 60_000L;
    private static final int MINUTES_PER_WEEK = 7 * 24 * 60;
    /** 1970-01-01 was a Thursday: minutes from a Monday 00:00 UTC to the epoch. */
    private static final long EPOCH_MINUTE_OF_WEEK = 3L * 24 * 60;

    private final long limitMs;
    private final Optional<WeeklyWindow> forexClosed;
    private final Map<String, Long> lastMs = new TreeMap<>();

    /** Every key judged alike, by {@code limitMs}. */
    public StalenessMonitor(long limitMs) { this(limitMs, Optional.empty()); }

    /** FOREX keys exempt while {@code forexClosed} holds (empty: judged like every other key). */
    public StalenessMonitor(long limitMs, Optional<WeeklyWindow> forexClosed) {
        this.limitMs = limitMs;
        this.forexClosed = forexClosed;
    }

    /** A symbol expected to deliver data from {@code nowMs} on (it counts as fresh until the limit). */
    public void expect(String key, long nowMs) { lastMs.putIfAbsent(key, nowMs); }

    public void seen(String key, long nowMs) { lastMs.put(key, nowMs); }

    public void forget(String key) { lastMs.remove(key); }

    public Set<String> stale(long nowMs) {
        Set<String> out = new TreeSet<>();
        lastMs.forEach((k, t) -> {
            long since = t;
            if (forexClosed.isPresent() && k.startsWith(FOREX_KEY)) {
                WeeklyWindow closed = forexClosed.get();
                if (closed.contains(Instant.ofEpochMilli(nowMs))) return;
                since = Math.max(t, lastEnd(closed, nowMs));
            }
            if (nowMs - since > limitMs) out.add(k);
        });
        return out;
    }

    /** The latest time at or before {@code nowMs} at which {@code w} ended (its {@code toMinute} of a week). */
    private static long lastEnd(WeeklyWindow w, long nowMs) {
        long minute = Math.floorDiv(nowMs, MINUTE_MS);
        long minuteOfWeek = Math.floorMod(minute + EPOCH_MINUTE_OF_WEEK, MINUTES_PER_WEEK);
        return (minute - Math.floorMod(minuteOfWeek - w.toMinute(), MINUTES_PER_WEEK)) * MINUTE_MS;
    }
}
