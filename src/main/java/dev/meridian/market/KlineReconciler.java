package dev.meridian.market;

import dev.meridian.core.Bar;
import dev.meridian.core.Kline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes one symbol's bars of the kline timeframe agree with the exchange. The bars an event closes
 * are held until the exchange's confirmed kline of the same interval arrives (or already has), and
 * the exchange's OHLCV replaces ours when they differ (counted in {@link #replaced()}); if no
 * confirmed kline arrives within {@code graceMs} of wall time, ours go out unchanged (counted in
 * {@link #unconfirmed()}). Held groups leave in the order they were held, so bars never overtake
 * each other. Only the {@code timeframeSec} bar of a group is compared; the others travel with it.
 * Live mode only; not thread-safe.
 */
public final class KlineReconciler {
    private record Held(List<Bar> bars, Bar key, long heldAtMs) {
    }

    private final int timeframeSec;
    private final long graceMs;
    private final Deque<Held> held = new ArrayDeque<>();
    private final Map<Long, Kline> confirmedByStart = new HashMap<>();
    private long replaced;
    private long unconfirmed;

    public KlineReconciler(int timeframeSec, long graceMs) {
        this.timeframeSec = timeframeSec;
        this.graceMs = graceMs;
    }

    /** The bars one event closed; returns what may go out now, in order. */
    public List<Bar> onBars(List<Bar> bars, long nowMs) {
        Bar key = bars.stream().filter(b -> b.timeframeSec() == timeframeSec).findFirst().orElse(null);
        if (key == null && held.isEmpty()) return bars;
        held.addLast(new Held(bars, key, nowMs));
        return release(nowMs);
    }

    /** A kline from the stream; confirmed ones settle the held bars of their interval. */
    public List<Bar> onKline(Kline k, long nowMs) {
        if (k.confirm() && k.intervalSec() == timeframeSec) {
            confirmedByStart.put(k.startMs(), k);
        }
        return release(nowMs);
    }

    /** Called by a wall-clock timer: lets out groups whose grace has passed. */
    public List<Bar> tick(long nowMs) { return release(nowMs); }

    public long replaced() { return replaced; }

    public long unconfirmed() { return unconfirmed; }

    private List<Bar> release(long nowMs) {
        List<Bar> out = new ArrayList<>();
        while (!held.isEmpty()) {
            Held h = held.peekFirst();
            if (h.key() == null) {
                out.addAll(h.bars());
            } else {
                Kline k = confirmedByStart.remove(h.key().openTimeMs());
                if (k != null) {
                    for (Bar b : h.bars()) out.add(b == h.key() ? reconcile(b, k) : b);
                } else if (nowMs - h.heldAtMs() >= graceMs) {
                    unconfirmed++;
                    out.addAll(h.bars());
                } else {
                    break;
                }
            }
            held.removeFirst();
        }
        // Klines for intervals we never built (before our first trade) are of no further use.
        if (held.isEmpty()) confirmedByStart.keySet().removeIf(start -> start < nowMs - 10L * timeframeSec * 1000);
        return out;
    }

    private Bar reconcile(Bar ours, Kline k) {
        boolean same = ours.open().compareTo(k.open()) == 0 && ours.high().compareTo(k.high()) == 0
                && ours.low().compareTo(k.low()) == 0 && ours.close().compareTo(k.close()) == 0
                && ours.volume().compareTo(k.volume()) == 0;
        if (same) return ours;
        replaced++;
        return new Bar(ours.symbol(), ours.assetClass(), ours.timeframeSec(), ours.openTimeMs(), k.open(), k.high(),
                k.low(), k.close(), k.volume(), ours.seq(), ours.warmup());
    }
}
