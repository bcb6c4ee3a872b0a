package dev.meridian.market;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.DecisionLatency;
import dev.meridian.bus.Watermark;
import dev.meridian.core.Bar;
import dev.meridian.core.MarketEvent;
import dev.meridian.core.Tick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Streams a {@link ReplaySource} onto the bus: every trade on {@code md.tick}, closed bars on
 * {@code md.bar}. After an event that closed bars it sends a {@link Watermark} down the decision
 * chain and waits for the portfolio's acknowledgement before the next event, so every decision is
 * fully booked before more data arrives: the same data always books the same trades. Events up to
 * {@code resumeAfterSeq} (the committed replay position) are re-fed as warm-up — they rebuild bar,
 * regime and strategy state but trigger nothing — so a restart continues exactly where it stopped.
 * {@code speed} paces event time N× faster than real time; 0 means as fast as possible. Rows are
 * read in batches on a worker thread, never on the event loop.
 */
public final class ReplayVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(ReplayVerticle.class.getName());
    private static final int BATCH = 2000;

    private final ReplaySource source;
    private final double speed;
    private final BarAggregator bars;
    private final long resumeAfterSeq;
    private final DecisionLatency latency;
    /** Recent bars per timeframe (bounded), for the API and dashboard. */
    private final BarWindow window = new BarWindow(1_000);
    private ReplayReader reader;
    private List<MarketEvent> batch = List.of();
    private int index;
    private long waitingForSeq = -1;
    private long paceStartEventMs = -1;
    private long paceStartWallMs;
    private String state = "WARMING_UP";
    private long lastSeq;
    private long processed;
    private long lastEventTimeMs;

    public ReplayVerticle(ReplaySource source, double speed, List<Integer> timeframesSec, long resumeAfterSeq,
                          DecisionLatency latency) {
        this.source = source;
        this.latency = latency;
        this.speed = speed;
        this.bars = new BarAggregator(source.symbol(), source.assetClass(), timeframesSec);
        this.resumeAfterSeq = resumeAfterSeq;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<Watermark>consumer(Addresses.MD_ACK, m -> {
            latency.forgetThrough(m.body().seq());
            if (m.body().seq() == waitingForSeq) {
                waitingForSeq = -1;
                if (m.body().end()) {
                    finish();
                } else {
                    pump();
                }
            }
        });
        bus.consumer(Addresses.CMD_MARKET_STATUS, m -> m.reply(status()));
        bus.<BarsQuery>consumer(Addresses.CMD_MARKET_BARS, m -> m.reply(new BarsQuery.Result(
                window.recent(m.body().assetClassAndSymbol(), m.body().timeframeSec(), m.body().limit()))));
        vertx.setPeriodic(1000, id -> bus.publish(Addresses.EVT_MARKET_STATUS, status()));
        if (resumeAfterSeq > 0) {
            LOG.info("replay " + source.name() + ": resuming after event " + resumeAfterSeq + " (re-feeding earlier events as warm-up)");
        }
        return vertx.executeBlocking(() -> source.open()).onSuccess(r -> {
            reader = r;
            fetch();
        });
    }

    private MarketStatus status() {
        return new MarketStatus(source.name(), "REPLAY", state, lastSeq, processed,
                reader == null ? 0 : reader.skippedRows(), List.of(), Set.of(),
                Map.of("late_events_dropped", bars.lateEventsDropped()), Map.of());
    }

    private void fetch() {
        vertx.executeBlocking(() -> {
            List<MarketEvent> out = new ArrayList<>(BATCH);
            while (out.size() < BATCH && reader.hasNext()) out.add(reader.next());
            return out;
        }).onSuccess(next -> {
            if (next.isEmpty()) {
                endOfSource();
                return;
            }
            batch = next;
            index = 0;
            pump();
        }).onFailure(e -> {
            LOG.severe("replay " + source.name() + " stopped: " + e.getMessage());
            state = "FAILED";
        });
    }

    /** Emits events until it must wait for an acknowledgement, a pacing timer or the next batch. */
    private void pump() {
        while (index < batch.size()) {
            MarketEvent e = batch.get(index);
            boolean warmup = e.seq() <= resumeAfterSeq;
            if (!warmup && speed > 0 && pace(e.eventTimeMs())) return;
            index++;
            if (emit(e, warmup)) {
                waitingForSeq = e.seq();
                vertx.eventBus().send(Addresses.MD_BAR, new Watermark(source.name(), e.seq(), e.eventTimeMs(), false, true));
                return;
            }
        }
        fetch();
    }

    /** True if a timer was set to wait until this event's paced wall time. */
    private boolean pace(long eventMs) {
        long now = System.currentTimeMillis();
        if (paceStartEventMs < 0) {
            paceStartEventMs = eventMs;
            paceStartWallMs = now;
        }
        long due = paceStartWallMs + (long) ((eventMs - paceStartEventMs) / speed);
        if (due - now >= 1) {
            vertx.setTimer(due - now, id -> pump());
            return true;
        }
        return false;
    }

    /** Publishes one event; true if it closed a bar that decisions may act on. */
    private boolean emit(MarketEvent e, boolean warmup) {
        var bus = vertx.eventBus();
        lastSeq = e.seq();
        lastEventTimeMs = e.eventTimeMs();
        processed++;
        if (!warmup && state.equals("WARMING_UP")) state = "REPLAYING";
        List<Bar> closed;
        if (e instanceof Tick t) {
            Tick tick = t.asWarmup(warmup);
            bus.publish(Addresses.MD_TICK, tick);
            closed = bars.onTick(tick);
        } else {
            Bar b = ((Bar) e).asWarmup(warmup);
            bus.publish(Addresses.MD_TICK, b.closeAsTick());
            closed = bars.onBar(b);
        }
        if (!warmup && !closed.isEmpty()) latency.stamp(e.seq());
        for (Bar b : closed) {
            bus.publish(Addresses.MD_BAR, b);
            window.add(b);
        }
        return !warmup && !closed.isEmpty();
    }

    private void endOfSource() {
        reader.failure().ifPresent(f -> LOG.severe("replay " + source.name() + " ended early: " + f));
        if (reader.skippedRows() > 0) {
            LOG.warning("replay " + source.name() + ": skipped " + reader.skippedRows() + " malformed rows, first: " + reader.skipReasons());
        }
        waitingForSeq = lastSeq;
        vertx.eventBus().send(Addresses.MD_BAR, new Watermark(source.name(), lastSeq, lastEventTimeMs, true, true));
    }

    private void finish() {
        state = "ENDED";
        reader.close();
        LOG.info("replay " + source.name() + " ended after event " + lastSeq + " (" + processed + " events this run)");
        vertx.eventBus().publish(Addresses.EVT_MARKET_STATUS, status());
    }

    @Override
    public Future<?> stop() {
        if (reader != null) reader.close();
        return Future.succeededFuture();
    }
}
