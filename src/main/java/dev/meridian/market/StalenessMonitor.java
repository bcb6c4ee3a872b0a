package dev.meridian.market;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tracks the wall time of the last message per symbol key; a symbol is stale once nothing arrived
 * for longer than its limit, and fresh again with its next message. Not thread-safe.
 */
public final class StalenessMonitor {
    private final long limitMs;
    private final Map<String, Long> lastMs = new TreeMap<>();

    public StalenessMonitor(long limitMs) { this.limitMs = limitMs; }

    /** A symbol expected to deliver data from {@code nowMs} on (it counts as fresh until the limit). */
    public void expect(String key, long nowMs) { lastMs.putIfAbsent(key, nowMs); }

    public void seen(String key, long nowMs) { lastMs.put(key, nowMs); }

    public void forget(String key) { lastMs.remove(key); }

    public Set<String> stale(long nowMs) {
        Set<String> out = new TreeSet<>();
        lastMs.forEach((k, t) -> {
            if (nowMs - t > limitMs) out.add(k);
        });
        return out;
    }
}
