package dev.meridian.portfolio;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.Fill;
import dev.meridian.core.FundingFee;
import dev.meridian.core.Mark;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.VenueClose;
import dev.meridian.core.Tick;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Books fills into the {@link Ledger} as they arrive and, at each {@link Watermark}, commits the
 * bookings, rejections and marks since the last one together with the replay position in one
 * transaction ({@link LedgerStore#commit}); only then does it publish positions, the portfolio and
 * closed trades, and acknowledge the watermark. A failed commit is retried with backoff while the
 * chain waits: a fill is never dropped.
 */
public final class PortfolioVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(PortfolioVerticle.class.getName());
    private static final long POSITION_COMMIT_INTERVAL_MS = 1000;

    private final Ledger ledger;
    private final LedgerStore store;
    private final List<Ledger.Booking> pendingBookings = new ArrayList<>();
    private final List<OrderRejected> pendingRejections = new ArrayList<>();
    private final Map<String, Position> pendingMarks = new LinkedHashMap<>();
    private final List<Ledger.Funding> pendingFundings = new ArrayList<>();
    private final FundingClock funding = new FundingClock();
    private final java.math.BigDecimal paperFundingRate8h;
    private long lastCommitMs;
    /** LIVE caps from wallet sync; empty in SIM. */
    private Map<dev.meridian.core.AssetClass, java.math.BigDecimal> walletCaps = Map.of();

    /** @param paperFundingRate8h what paper perp positions pay at each 8-hour settlement ({@link FundingClock}) */
    public PortfolioVerticle(Ledger ledger, LedgerStore store, java.math.BigDecimal paperFundingRate8h) {
        this.paperFundingRate8h = paperFundingRate8h;
        this.ledger = ledger;
        this.store = store;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<Object>consumer(Addresses.EVT_EXEC, this::onExec);
        bus.<Tick>consumer(Addresses.MD_TICK, m -> onTick(m.body()));
        bus.<Mark>consumer(Addresses.MD_MARK, m -> onMark(m.body()));
        bus.<WalletCapsUpdate>consumer(Addresses.EVT_WALLET_CAPS, m -> {
            walletCaps = Map.copyOf(m.body().caps());
            bus.publish(Addresses.EVT_PORTFOLIO, ledger.snapshot(walletCaps));
        });
        bus.consumer(Addresses.CMD_PORTFOLIO_SNAPSHOT, m -> m.reply(ledger.snapshot(walletCaps)));
        bus.consumer(Addresses.CMD_PORTFOLIO_BOOKS, m -> m.reply(ledger.snapshot()));
        bus.<Integer>consumer(Addresses.CMD_PORTFOLIO_EQUITY, m -> store.equityHistory(m.body())
                .onSuccess(m::reply).onFailure(e -> m.fail(500, e.getMessage())));
        bus.<Integer>consumer(Addresses.CMD_PORTFOLIO_TRADES, m -> {
            int limit = m.body();
            store.trades(limit).compose(ts -> store.tradeCount().map(total -> new TradesPage(ts, total)))
                    .onSuccess(m::reply).onFailure(e -> m.fail(500, e.getMessage()));
        });
        return Future.succeededFuture();
    }

    private void onTick(Tick t) {
        // The clock sees warm-up prints too, so a restart settles funding where an uninterrupted run would.
        // Only perps pay funding, so only their prints are timed (this runs for every print).
        boolean settles = t.assetClass() == dev.meridian.core.AssetClass.PERP && funding.settles(t.symbol(), t.timeMs());
        // Warm-up ticks replay the past: the stored marks and fundings already reflect them.
        if (t.warmup()) return;
        boolean changed = ledger.mark(t.symbol(), t.assetClass(), t.price());
        // Live positions pay what the exchange settles, booked from its private stream instead.
        if (settles && ledger.position(t.symbol(), t.assetClass()).map(Position::paper).orElse(false)) {
            var paid = ledger.fund(t.symbol(), t.assetClass(), paperFundingRate8h, t.price(), t.timeMs());
            paid.ifPresent(pendingFundings::add);
            changed |= paid.isPresent();
        }
        if (changed) {
            ledger.position(t.symbol(), t.assetClass()).ifPresent(p -> pendingMarks.put(p.assetClass() + ":" + p.symbol(), p));
        }
    }

    /** A package's mark (no trade print, no funding): it moves the position's value, committed with the next watermark. */
    private void onMark(Mark k) {
        if (ledger.mark(k.symbol(), k.assetClass(), k.price())) {
            ledger.position(k.symbol(), k.assetClass()).ifPresent(p -> pendingMarks.put(p.assetClass() + ":" + p.symbol(), p));
        }
    }

    private void onExec(Message<Object> m) { onExec(m.body()); }

    private void onExec(Object body) {
        if (body instanceof Fill f) {
            try {
                pendingBookings.add(ledger.apply(f));
            } catch (IllegalStateException e) {
                // Recorded, not lost: the order shows up as rejected with the reason.
                LOG.severe("fill " + f.id() + " contradicts the book and was not booked: " + e.getMessage());
                var o = f.order();
                pendingRejections.add(new OrderRejected(o.id(), o.source(), o.seq(), o.timeMs(), o.symbol(), o.assetClass(),
                        o.side(), o.entry(), "portfolio", e.getMessage()));
            }
        } else if (body instanceof OrderRejected r) {
            pendingRejections.add(r);
        } else if (body instanceof FundingFee f) {
            onLiveFunding(f);
        } else if (body instanceof VenueClose c) {
            onVenueClose(c);
        } else if (body instanceof Watermark w) {
            onWatermark(w);
        }
    }

    /** Venue execIds of closes booked since start: a redelivery is dropped. */
    private final java.util.Set<String> closesSeen = new java.util.HashSet<>();

    /**
     * A live position the venue closed by its own order: booked as the position's exit (its fill
     * id {@code venue-close-<execId>-live}), committed with the next watermark. Nothing to close (no
     * live position, or one on the same side) is logged and dropped: the venue's word is kept in
     * the log, the book is not bent to it.
     */
    private void onVenueClose(VenueClose c) {
        if (!closesSeen.add(c.execId())) return;
        Optional<Position> held = ledger.position(c.symbol(), c.assetClass()).filter(p -> !p.paper() && p.side() != c.side());
        if (held.isEmpty()) {
            LOG.warning(c.venue() + " closed " + c.qty().toPlainString() + " " + c.symbol() + " (" + c.reason() + ", " + c.execId()
                    + ") but the book holds no live " + c.assetClass() + " position it closes; not booked");
            return;
        }
        Position p = held.get();
        BigDecimal qty = c.qty().min(p.qty());
        Order exit = new Order("venue-close-" + c.execId(), c.venue(), 0, c.timeMs(), c.symbol(), c.assetClass(), c.side(), false, qty,
                c.price(), p.stopPrice(), p.leverage(), p.equityBefore(), p.sizeUsd(), p.riskUsd(), p.mode(), p.regime(), p.session(),
                p.signalScore(), p.goodSetup(), p.boundBy(), false);
        onExec(new Fill(exit.id() + "-live", exit, qty, c.price(), c.fee(), BigDecimal.ZERO, c.timeMs()));
    }

    /** Venue execIds of funding booked or being checked since start: a redelivery is dropped at once. */
    private final java.util.Set<String> fundingSeen = new java.util.HashSet<>();

    /**
     * Live funding: booked once per execId (checked against the store too, for redeliveries after a
     * restart), committed with the next watermark like the paper settlements.
     */
    private void onLiveFunding(FundingFee f) {
        if (!fundingSeen.add(f.execId())) return;
        store.fundingBooked(f.execId()).onComplete(ar -> {
            if (ar.failed()) {
                fundingSeen.remove(f.execId()); // unknown: a redelivery may try again
                LOG.severe("funding " + f.execId() + " not booked: the store could not say whether it was: " + ar.cause().getMessage());
                return;
            }
            if (ar.result()) return;
            var paid = ledger.fundLive(f.symbol(), f.assetClass(), f.fee(), f.timeMs(), f.execId());
            if (paid.isEmpty()) {
                LOG.warning("funding " + f.execId() + " of " + f.fee().toPlainString() + " on " + f.assetClass() + " " + f.symbol()
                        + " has no open live position to book against; not booked");
                return;
            }
            pendingFundings.add(paid.get());
            ledger.position(f.symbol(), f.assetClass()).ifPresent(p -> pendingMarks.put(p.assetClass() + ":" + p.symbol(), p));
        });
    }

    private void onWatermark(Watermark w) {
        long now = System.currentTimeMillis();
        boolean dirty = !pendingBookings.isEmpty() || !pendingRejections.isEmpty() || !pendingFundings.isEmpty();
        if (!dirty && !w.end() && now - lastCommitMs < POSITION_COMMIT_INTERVAL_MS) {
            vertx.eventBus().send(Addresses.MD_ACK, w);
            return;
        }
        List<Ledger.Booking> bookings = List.copyOf(pendingBookings);
        Set<Ledger.SubLedger> touched = new LinkedHashSet<>();
        bookings.forEach(b -> touched.add(b.ledger()));
        List<Ledger.Funding> fundings = List.copyOf(pendingFundings);
        fundings.forEach(fu -> touched.add(fu.ledger()));
        List<Position> marks = new ArrayList<>();
        for (Position p : pendingMarks.values()) {
            ledger.position(p.symbol(), p.assetClass()).ifPresent(marks::add);
        }
        // An equity point per sub-ledger whose cash changed, at the event time that changed it.
        List<LedgerStore.EquityPoint> equities = new ArrayList<>();
        PortfolioSnapshot snap = ledger.snapshot(walletCaps);
        for (Ledger.SubLedger l : touched) {
            snap.ledger(l.assetClass()).ifPresent(v -> equities.add(new LedgerStore.EquityPoint(l.assetClass(), w.eventTimeMs(), v.equity())));
        }
        LedgerStore.UnitOfWork unit = new LedgerStore.UnitOfWork(bookings, List.copyOf(pendingRejections),
                w.resumable() ? w.source() : null,
                w.seq(), List.copyOf(touched), marks, equities, fundings);
        pendingBookings.clear();
        pendingRejections.clear();
        pendingMarks.clear();
        pendingFundings.clear();
        commitWithRetry(unit, 0).onSuccess(trades -> {
            lastCommitMs = System.currentTimeMillis();
            var bus = vertx.eventBus();
            for (Ledger.Booking b : bookings) {
                var o = b.fill().order();
                var p = b.position();
                bus.publish(Addresses.EVT_POSITION, PositionChange.of(o.symbol(), o.assetClass(), p));
                bus.publish(Addresses.EVT_FILL, b.fill());
            }
            fundings.forEach(fu -> bus.publish(Addresses.EVT_FUNDING, FundingPaid.of(fu)));
            trades.forEach(t -> bus.publish(Addresses.EVT_TRADE_CLOSED, t));
            bus.publish(Addresses.EVT_PORTFOLIO, ledger.snapshot(walletCaps));
            bus.send(Addresses.MD_ACK, w);
        });
    }

    private Future<List<ClosedTrade>> commitWithRetry(LedgerStore.UnitOfWork unit, int attempt) {
        Promise<List<ClosedTrade>> done = Promise.promise();
        store.commit(unit).onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(ar.result());
                return;
            }
            long delay = Math.min(10_000, 250L << Math.min(attempt, 6));
            LOG.log(Level.SEVERE, "booking commit failed (attempt " + (attempt + 1) + "), retrying in " + delay + " ms", ar.cause());
            vertx.setTimer(delay, id -> commitWithRetry(unit, attempt + 1).onComplete(done));
        });
        return done.future();
    }
}
