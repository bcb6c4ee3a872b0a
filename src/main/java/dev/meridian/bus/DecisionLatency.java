package dev.meridian.bus;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

/**
 * Wall time from the market event that closed a bar to the risk stage's decision on the intent it
 * produced, measured across verticles (so across event-loop threads): the market source stamps a
 * source position when it sends the bars that event closed, and the risk stage takes the elapsed
 * time when an intent with that position arrives. The intent record stays free of wall-clock
 * fields, which keeps replays and backtests deterministic.
 *
 * <p>Thread-safe. Bounded by the positions in flight: the source forgets every position the
 * portfolio has acknowledged, whether or not it led to a decision.
 */
public final class DecisionLatency {
    private final ConcurrentSkipListMap<Long, Long> stampedNanos = new ConcurrentSkipListMap<>();
    private final LongSupplier nanoTime;

    public DecisionLatency() { this(System::nanoTime); }

    public DecisionLatency(LongSupplier nanoTime) { this.nanoTime = nanoTime; }

    /** The market source sent bars closed by the event at {@code seq}; the first stamp of a position counts. */
    public void stamp(long seq) { stampedNanos.putIfAbsent(seq, nanoTime.getAsLong()); }

    /** Nanoseconds since {@code seq} was stamped, or empty when it was not (warm-up, or already forgotten). */
    public OptionalLong elapsedNanos(long seq) {
        Long t = stampedNanos.get(seq);
        return t == null ? OptionalLong.empty() : OptionalLong.of(nanoTime.getAsLong() - t);
    }

    /** Every decision on positions up to {@code seq} is made: their stamps go. */
    public void forgetThrough(long seq) { stampedNanos.headMap(seq, true).clear(); }

    /** Stamps held now (for tests of the bound). */
    public int inFlight() { return stampedNanos.size(); }
}
