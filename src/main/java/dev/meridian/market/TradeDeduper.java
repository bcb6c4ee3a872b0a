package dev.meridian.market;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the last {@code capacity} trade ids of one symbol, so a trade delivered twice (a
 * resubscription, a reconnect replaying the last trades) is booked once. Bounded memory; not
 * thread-safe.
 */
public final class TradeDeduper {
    private final int capacity;
    private final Set<String> seen = new HashSet<>();
    private final Deque<String> order = new ArrayDeque<>();

    public TradeDeduper(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        this.capacity = capacity;
    }

    /** True the first time an id is offered (within the window), false for a duplicate. */
    public boolean firstTime(String tradeId) {
        if (!seen.add(tradeId)) return false;
        order.addLast(tradeId);
        if (order.size() > capacity) seen.remove(order.removeFirst());
        return true;
    }
}
