package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Tick;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds the closed OHLCV bars of one symbol, for a fixed set of timeframes, either from its trades
 * ({@link #onTick}) or from a bar source of one timeframe ({@link #onBar}); one aggregator takes one
 * kind of input. O(1) work and state per event (for a fixed number of timeframes).
 *
 * <p>Rules:
 * <ul>
 *   <li>A bar covers {@code [openTimeMs, openTimeMs + timeframe)}, with {@code openTimeMs} a multiple
 *       of the timeframe since the epoch; timeframes must divide a day, so bars line up with UTC
 *       midnight, hours and sessions.</li>
 *   <li>No look-ahead: a bar built from trades closes when the first trade of a later interval
 *       arrives, and that trade is not part of it. Until then it is still open and not returned;
 *       there is no closing by wall clock, so the last bar of a finished replay is never returned.</li>
 *   <li>Intervals without data produce no bars: after a gap the next bar opens at the interval of
 *       the next trade. A bar is the data seen in its interval, so it may cover only part of it.</li>
 *   <li>A bar source's bars are passed through when their timeframe is configured, and rolled up
 *       into every larger configured timeframe that is a multiple of theirs. A rolled-up bar is
 *       complete, and returned, as soon as a source bar reaching the end of its interval arrives;
 *       if that last constituent is missing, it closes when a bar of a later interval arrives.
 *       Configured timeframes a bar source cannot produce (smaller, or not multiples) stay empty.</li>
 *   <li>A returned bar carries the {@code seq} and {@code warmup} of the event that closed it; a
 *       passed-through bar keeps its own. OHLC are exact, volume is the exact sum.</li>
 *   <li>Events must come in time order. A trade earlier than the previous trade, or a bar not later
 *       than the previous bar, is dropped and counted in {@link #lateEventsDropped()}: the bars it
 *       belongs to may already be out, and closed bars never change.</li>
 * </ul>
 * Not thread-safe: one aggregator belongs to one symbol's event stream.
 */
public final class BarAggregator {
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int NOT_FED = 0;
    private static final int FED_TRADES = -1;

    /** Close-time order keeps returned bars in event-time order even when one closed late. */
    private static final Comparator<Bar> EVENT_ORDER =
            Comparator.comparingLong(Bar::closeTimeMs).thenComparingInt(Bar::timeframeSec);

    private final String symbol;
    private final AssetClass assetClass;
    private final List<Integer> timeframesSec;
    /** One bar in progress per configured timeframe, ascending by timeframe. */
    private final Building[] building;
    /** {@link #NOT_FED}, {@link #FED_TRADES}, or the timeframe of the bars fed. */
    private int input = NOT_FED;
    /** The time of the last trade taken, or the open time of the last bar taken. */
    private long lastTimeMs = Long.MIN_VALUE;
    private long lateEventsDropped;

    /**
     * @param timeframesSec the bar lengths to build, in seconds; each must divide a day (86,400)
     * @throws IllegalArgumentException no timeframe, or one that does not divide a day
     */
    public BarAggregator(String symbol, AssetClass assetClass, Collection<Integer> timeframesSec) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.assetClass = Objects.requireNonNull(assetClass, "assetClass");
        TreeSet<Integer> sorted = new TreeSet<>(timeframesSec);
        if (sorted.isEmpty()) throw new IllegalArgumentException("no timeframe configured for " + symbol);
        for (int tf : sorted) {
            if (tf <= 0 || SECONDS_PER_DAY % tf != 0) {
                throw new IllegalArgumentException("timeframe " + tf + "s does not divide a day (86400s)");
            }
        }
        this.timeframesSec = List.copyOf(sorted);
        this.building = sorted.stream().map(Building::new).toArray(Building[]::new);
    }

    /**
     * Adds a trade to every timeframe's bar.
     *
     * @return the bars this trade closed (an interval of theirs has ended), in event-time order:
     *         by close time, then smallest timeframe first; empty most of the time
     * @throws IllegalArgumentException the trade is of another symbol or asset class
     * @throws IllegalStateException    this aggregator is fed bars
     */
    public List<Bar> onTick(Tick tick) {
        requireOwn(tick.symbol(), tick.assetClass());
        if (input != NOT_FED && input != FED_TRADES) {
            throw new IllegalStateException("the bar aggregator of " + symbol + " is fed bars, not trades");
        }
        input = FED_TRADES;
        if (tick.timeMs() < lastTimeMs) {
            lateEventsDropped++;
            return List.of();
        }
        lastTimeMs = tick.timeMs();
        List<Bar> closed = null;
        for (Building b : building) {
            long intervalMs = b.intervalOf(tick.timeMs());
            if (b.isOpen() && intervalMs != b.openTimeMs) closed = append(closed, b.finish(tick.seq(), tick.warmup()));
            b.add(intervalMs, tick.price(), tick.price(), tick.price(), tick.price(), tick.qty());
        }
        return ordered(closed);
    }

    /**
     * Passes a source bar through and rolls it up into the larger timeframes.
     *
     * @return the source bar (if its timeframe is configured) and the rolled-up bars it completed or
     *         closed, in event-time order: by close time, then smallest timeframe first
     * @throws IllegalArgumentException the bar is of another symbol or asset class, or its open time
     *                                  is not aligned to its timeframe
     * @throws IllegalStateException    this aggregator is fed trades, or bars of another timeframe
     */
    public List<Bar> onBar(Bar bar) {
        requireOwn(bar.symbol(), bar.assetClass());
        int source = bar.timeframeSec();
        if (input != NOT_FED && input != source) {
            throw new IllegalStateException("the bar aggregator of " + symbol + " is fed "
                    + (input == FED_TRADES ? "trades" : input + "s bars") + ", not " + source + "s bars");
        }
        if (Math.floorMod(bar.openTimeMs(), source * 1000L) != 0) {
            throw new IllegalArgumentException("bar of " + symbol + " opening at " + Values.iso(bar.openTimeMs())
                    + " is not aligned to its " + source + "s timeframe");
        }
        input = source;
        if (bar.openTimeMs() <= lastTimeMs) {
            lateEventsDropped++;
            return List.of();
        }
        lastTimeMs = bar.openTimeMs();
        List<Bar> closed = null;
        for (Building b : building) {
            if (b.timeframeSec == source) {
                closed = append(closed, bar);
            } else if (b.timeframeSec > source && b.timeframeSec % source == 0) {
                long intervalMs = b.intervalOf(bar.openTimeMs());
                if (b.isOpen() && intervalMs != b.openTimeMs) {
                    closed = append(closed, b.finish(bar.seq(), bar.warmup())); // its last part never came
                }
                b.add(intervalMs, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
                if (bar.closeTimeMs() == intervalMs + b.lengthMs) {
                    closed = append(closed, b.finish(bar.seq(), bar.warmup())); // its last part is in
                }
            }
        }
        return ordered(closed);
    }

    /**
     * Live mode only: closes the trade bars whose interval ended at least {@code graceMs} before the
     * wall-clock {@code nowMs}, so a quiet market still gets its bars. Replays and backtests never
     * call this: there only event time closes bars. A trade that arrives later for an interval closed
     * this way is dropped and counted as late (the bar is out and closed bars never change), which is
     * what the grace period makes rare.
     *
     * @return the bars closed, in event-time order, each with the given {@code seq}
     */
    public List<Bar> closeElapsed(long nowMs, long graceMs, long seq) {
        if (input != FED_TRADES) return List.of();
        List<Bar> closed = null;
        for (Building b : building) {
            if (b.isOpen() && b.openTimeMs + b.lengthMs + graceMs <= nowMs) {
                lastTimeMs = Math.max(lastTimeMs, b.openTimeMs + b.lengthMs);
                closed = append(closed, b.finish(seq, false));
            }
        }
        return ordered(closed);
    }

    /** Drops the bars in progress, e.g. after a data gap whose trades were never seen. */
    public void discardOpenBars() {
        for (Building b : building) {
            if (b.isOpen()) b.finish(0, false);
        }
    }

    public String symbol() {
        return symbol;
    }

    /** The configured timeframes in seconds, ascending, without duplicates. */
    public List<Integer> timeframesSec() {
        return timeframesSec;
    }

    /** Out-of-order events dropped so far. */
    public long lateEventsDropped() {
        return lateEventsDropped;
    }

    private void requireOwn(String eventSymbol, AssetClass eventAssetClass) {
        if (!symbol.equals(eventSymbol) || assetClass != eventAssetClass) {
            throw new IllegalArgumentException("the bar aggregator of " + symbol + " " + assetClass
                    + " got an event of " + eventSymbol + " " + eventAssetClass);
        }
    }

    private static List<Bar> append(List<Bar> bars, Bar bar) {
        List<Bar> list = bars == null ? new ArrayList<>(4) : bars;
        list.add(bar);
        return list;
    }

    private static List<Bar> ordered(List<Bar> bars) {
        if (bars == null) return List.of();
        bars.sort(EVENT_ORDER);
        return bars;
    }

    /** The bar in progress of one timeframe, updated in place by each event of its interval. */
    private final class Building {
        final int timeframeSec;
        final long lengthMs;
        long openTimeMs;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume;

        Building(int timeframeSec) {
            this.timeframeSec = timeframeSec;
            this.lengthMs = timeframeSec * 1000L;
        }

        /** The open time of the interval holding {@code timeMs}. */
        long intervalOf(long timeMs) {
            return Math.floorDiv(timeMs, lengthMs) * lengthMs;
        }

        boolean isOpen() {
            return open != null;
        }

        /** Adds data of the interval opening at {@code intervalMs}, opening the bar if needed. */
        void add(long intervalMs, BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, BigDecimal v) {
            if (open == null) {
                openTimeMs = intervalMs;
                open = o;
                high = h;
                low = l;
                volume = v;
            } else {
                if (h.compareTo(high) > 0) high = h;
                if (l.compareTo(low) < 0) low = l;
                volume = volume.add(v);
            }
            close = c;
        }

        Bar finish(long seq, boolean warmup) {
            Bar bar = new Bar(symbol, assetClass, timeframeSec, openTimeMs, open, high, low, close, volume, seq,
                    warmup);
            open = null;
            return bar;
        }
    }
}
