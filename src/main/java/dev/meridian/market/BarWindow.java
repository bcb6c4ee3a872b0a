package dev.meridian.market;

import dev.meridian.core.Bar;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent {@code capacity} bars per symbol and timeframe, oldest first: bounded memory
 * whatever the run length. Bars must be added in time order per key; one that is not newer than the
 * last is ignored. Not thread-safe: the market verticle owns it.
 */
public final class BarWindow {
    private final int capacity;
    private final Map<String, Deque<Bar>> bars = new HashMap<>();

    public BarWindow(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        this.capacity = capacity;
    }

    static String key(String assetClassAndSymbol, int timeframeSec) { return assetClassAndSymbol + "/" + timeframeSec; }

    public void add(Bar b) {
        Deque<Bar> d = bars.computeIfAbsent(key(b.assetClass() + ":" + b.symbol(), b.timeframeSec()), k -> new ArrayDeque<>());
        if (!d.isEmpty() && d.peekLast().openTimeMs() >= b.openTimeMs()) return;
        d.addLast(b);
        if (d.size() > capacity) d.removeFirst();
    }

    /** Up to {@code limit} most recent bars of {@code ASSET_CLASS:SYMBOL} and timeframe, oldest first. */
    public List<Bar> recent(String assetClassAndSymbol, int timeframeSec, int limit) {
        Deque<Bar> d = bars.get(key(assetClassAndSymbol, timeframeSec));
        if (d == null) return List.of();
        List<Bar> all = List.copyOf(d);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }
}
