package dev.meridian.execution;

import dev.meridian.exchange.ExecStatus;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.VenuePosition;
import dev.meridian.core.FundingFee;
import dev.meridian.core.Tick;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.funds.FundsState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import dev.meridian.core.PackageTicket;
import dev.meridian.core.TicketLeg;
import dev.meridian.core.VenueClose;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The trade executor (router). Every approved order passes here in decision order:
 * <ol>
 *   <li>the funds controller is re-checked immediately before the order leaves (the owner may have
 *       paused or switched a class off since risk approved it);</li>
 *   <li>a paper order fills at once on the {@link PaperVenue} (priced off the last trade it saw),
 *       through the same request and aggregation as a live one;</li>
 *   <li>an order risk marked LIVE goes live only if Allow Funds is still ON (an exit of a live
 *       position always goes live: the coins are there) and the class's venue is ready; otherwise
 *       an entry falls back to paper and a live exit is refused with the reason;</li>
 *   <li>a live order is stored before its request leaves, placed idempotently, and tracked by
 *       {@link LiveOrder} until the venue reports it final with all its executions; then its one
 *       aggregated fill (or its rejection) goes to the portfolio.</li>
 * </ol>
 * A live option package order goes to the options venue as all-or-nothing contract orders
 * ({@link PackageExecutor}, booked by {@link PackageBookings}); one whose contracts come from the
 * synthetic chain never goes live (an entry falls back to paper).
 * While a live order is in flight the following messages (orders, watermarks) wait, up to
 * {@code liveHoldMs}, so the chain stays in decision order; an order still open after that keeps
 * being tracked and books when it completes. At start and every {@code reconcileMs} the unbooked
 * live orders are reconciled with the venue (status and executions), repairs are audited. Venue
 * callbacks run on this verticle's context.
 */
public final class ExecutionVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(ExecutionVerticle.class.getName());

    /**
     * Timing knobs: how long the chain waits for a live order, how often open orders are
     * reconciled, how long each leg of a live option package may take to fill, and how much worse
     * than its price a filled leg may be closed at when a package has to be unwound (a fraction).
     */
    public record Params(long liveHoldMs, long reconcileMs, long packageLegTimeoutMs, BigDecimal unwindSlippage) {
        public static final Params DEFAULT = new Params(10_000, 30_000);

        public Params(long liveHoldMs, long reconcileMs) {
            this(liveHoldMs, reconcileMs, 5_000, new BigDecimal("0.2"));
        }
    }

    private final PaperFills paper;
    private final List<LiveVenue> venues;
    private final Optional<LiveOrderStore> store;
    private final Params params;
    private FundsState funds;

    private final Deque<Object> queue = new ArrayDeque<>();
    /** Symbol key → decision time of its last entry that filled (paper or live). */
    private final java.util.Map<String, Long> entryDecidedMs = new java.util.HashMap<>();
    private final Map<String, LiveOrder> tracked = new LinkedHashMap<>();
    private LiveOrder inFlight;
    /** A live option package being placed: the chain waits for it like for a live order. */
    private boolean packageInFlight;
    private Optional<PackageExecutor> packages = Optional.empty();
    /** Set by stop(): answers still arriving for a stopped router must not book anything. */
    private boolean stopped;
    /** One reconciliation round at a time, so a slow venue cannot make two rounds recover the same execution. */
    private boolean reconciling;
    private long holdTimer = -1;

    public ExecutionVerticle(PaperVenue paper, FundsState funds) {
        this(paper, funds, List.of(), Optional.empty(), Params.DEFAULT);
    }

    public ExecutionVerticle(PaperVenue paper, FundsState funds, List<LiveVenue> venues, Optional<LiveOrderStore> store,
                             Params params) {
        if (!venues.isEmpty() && store.isEmpty()) throw new IllegalArgumentException("live venues need the live order store");
        this.paper = new PaperFills(paper);
        this.funds = funds;
        this.venues = List.copyOf(venues);
        this.store = store;
        this.params = params;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        // The paper venue prices market orders off the last trade, like a venue's matching engine; a
        // tick always reaches this inbox before the orders its bar leads to, so replays stay deterministic.
        bus.<Tick>consumer(Addresses.MD_TICK, m -> {
            paper.onTrade(m.body());
        });
        bus.<dev.meridian.core.Quote>consumer(Addresses.MD_QUOTE, m -> paper.onQuote(m.body()));
        bus.<Object>consumer(Addresses.CMD_EXEC_ORDER, m -> {
            queue.add(m.body());
            drain();
        });
        bus.consumer(Addresses.CMD_EXEC_STATUS, m -> m.reply(status()));
        if (venues.isEmpty()) return Future.succeededFuture();
        for (LiveVenue v : venues) v.onEvent(e -> onVenueEvent(v, e));
        packages = venueFor(AssetClass.OPTIONS).map(v -> new PackageExecutor(vertx, v, Duration.ofMillis(params.packageLegTimeoutMs()),
                System::currentTimeMillis));
        List<Future<Void>> started = new ArrayList<>();
        // A venue that cannot start (bad keys, unreachable) stays not ready with its reason; the bot runs on.
        for (LiveVenue v : venues) started.add(v.start().recover(e -> {
            LOG.severe(v.name() + " did not start: " + e.getMessage());
            return Future.succeededFuture();
        }));
        return Future.join(started).compose(x -> store.get().unbooked()).onSuccess(open -> {
            for (LiveOrder lo : open) tracked.put(lo.linkId(), lo);
            if (!open.isEmpty()) LOG.info("reconciling " + open.size() + " live order(s) left open by the last run");
            reconcile();
            vertx.setPeriodic(params.reconcileMs(), id -> reconcile());
        }).mapEmpty();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        List<Future<Void>> stops = new ArrayList<>();
        for (LiveVenue v : venues) stops.add(v.stop());
        return Future.join(stops);
    }

    private ExecStatus status() {
        List<ExecStatus.Venue> vs = new ArrayList<>();
        for (LiveVenue v : venues) vs.add(new ExecStatus.Venue(v.name(), v.ready(), v.status()));
        return new ExecStatus(vs, tracked.size());
    }

    private void drain() {
        while (inFlight == null && !packageInFlight && !queue.isEmpty()) {
            Object body = queue.poll();
            var bus = vertx.eventBus();
            if (body instanceof Order o) {
                route(o);
            } else if (body instanceof OrderRejected r) {
                bus.publish(Addresses.EVT_ORDER_REJECTED, r);
                bus.send(Addresses.EVT_EXEC, r);
            } else if (body instanceof Watermark w) {
                bus.send(Addresses.EVT_EXEC, w);
            }
        }
    }

    private void route(Order o) {
        if (o.entry() && !funds.entriesAllowed(o.assetClass())) {
            reject(o, "execution", funds.paused() ? "funds controller: paused" : "funds controller: " + o.assetClass() + " is off");
            return;
        }
        // The ledger learns of a live order only when it completes, so until then the strategy still sees
        // the old position (an exit keeps being signalled, a flat symbol keeps inviting entries).
        // A second order for the symbol would then be a second sell of the same coins or a second
        // position: refused, recorded with the reason, and the strategy asks again on a later bar.
        // An exit decided before the current position's entry was decided was meant for an earlier
        // position: it waited in the queue behind a live order while the book moved on (the strategy
        // saw the old position until that order completed). Booking it would close the wrong position.
        Long entryAt = entryDecidedMs.get(o.assetClass() + ":" + o.symbol());
        if (!o.entry() && entryAt != null && o.timeMs() < entryAt) {
            reject(o, "execution", "stale exit: decided at " + java.time.Instant.ofEpochMilli(o.timeMs())
                    + ", before the open position's entry was decided at " + java.time.Instant.ofEpochMilli(entryAt));
            return;
        }
        Optional<LiveOrder> working = tracked.values().stream()
                .filter(t -> t.order().symbol().equals(o.symbol()) && t.order().assetClass() == o.assetClass()).findFirst();
        if (working.isPresent()) {
            reject(o, "execution", "live order " + working.get().linkId() + " for " + o.assetClass() + " " + o.symbol()
                    + " is still working at the venue");
            return;
        }
        if (o.paper()) {
            sendPaper(o);
            return;
        }
        Optional<LiveVenue> venue = venueFor(o.assetClass());
        if (o.entry() && !funds.allowFunds()) {
            // Allow Funds went OFF after risk approved: the order flips back to paper.
            sendPaper(o.withPaper(true));
            return;
        }
        if (o.packageTicket().map(PackageTicket::synthetic).orElse(false)) {
            // No venue lists the synthetic chain's contracts; a live position never holds them.
            String why = "its contracts come from the synthetic chain, which no venue lists";
            if (o.entry()) {
                LOG.warning("live OPTIONS entry " + o.id() + " goes to paper: " + why);
                sendPaper(o.withPaper(true));
            } else {
                reject(o, "execution", "live package exit not sent: " + why);
            }
            return;
        }
        if (venue.isEmpty() || !venue.get().ready()) {
            String why = venue.map(v -> v.name() + " not ready: " + v.status()).orElse("no live venue for " + o.assetClass());
            if (o.entry()) {
                LOG.warning("live entry " + o.id() + " goes to paper: " + why);
                sendPaper(o.withPaper(true));
            } else {
                reject(o, "execution", "live exit not sent, " + why);
            }
            return;
        }
        if (o.packageTicket().isPresent()) {
            sendPackage(venue.get(), o, o.packageTicket().get());
            return;
        }
        sendLive(venue.get(), o);
    }

    /**
     * A live option package: all its legs or none ({@link PackageExecutor}); what filled is booked
     * as {@link PackageBookings} says. An exit without legs (expiry, or only worthless contracts
     * left) is the venue's settlement: booked at the ticket, nothing is sent. The legs' venue
     * orders are not in the live order store: the executor waits for each to end, and its outcome
     * (with every leg's order id) is audited.
     */
    private void sendPackage(LiveVenue venue, Order o, PackageTicket ticket) {
        if (ticket.legs().isEmpty()) {
            if (o.entry()) {
                reject(o, "execution", "live package entry without legs");
                return;
            }
            LOG.info("OPTIONS " + o.symbol() + ": no contract to trade at the exit; booked at the settlement value "
                    + ticket.fillPrice().toPlainString());
            sendPaper(o);
            return;
        }
        PackageExecutor executor = packages.orElseThrow();
        String packageId = OrderLinkIds.of(o.id()).substring(0, 33);
        List<PackageLeg> legs = new ArrayList<>();
        JsonObject legsSent = new JsonObject();
        for (int i = 0; i < ticket.legs().size(); i++) {
            TicketLeg l = ticket.legs().get(i);
            legs.add(PackageLeg.of(l.symbol(), l.side(), l.qty(), l.price(), params.unwindSlippage()));
            legsSent.put(PackageExecutor.legLinkId(packageId, i), l.side() + " " + l.qty().toPlainString() + " " + l.symbol() + " @ "
                    + l.price().toPlainString());
        }
        // Written before the first leg leaves: should the bot die mid-package, the audit log names every
        // order id the venue may hold (the legs are not in the live order store).
        store.get().audit("router", venue.name() + ": option package " + o.symbol() + " sending", null,
                new JsonObject().put("package_id", packageId).put("order_id", o.id()).put("legs", legsSent), System.currentTimeMillis());
        packageInFlight = true;
        executor.execute(packageId, legs).onComplete(ar -> {
            packageInFlight = false;
            if (stopped) return;
            if (ar.failed()) {
                reject(o, "execution", "package not sent: " + ar.cause().getMessage());
            } else {
                PackageResult r = ar.result();
                if (r.status() == PackageResult.Status.FILLED && o.entry()) {
                    entryDecidedMs.put(o.assetClass() + ":" + o.symbol(), o.timeMs());
                }
                JsonObject legsJson = new JsonObject();
                for (PackageResult.LegOutcome l : r.legs()) {
                    legsJson.put(l.orderLinkId(), l.state() + " " + l.filledQty().toPlainString() + " " + l.symbol()
                            + l.unwind().map(u -> ", unwind " + u.orderLinkId() + " closed " + u.closedQty().toPlainString()).orElse(""));
                }
                store.get().audit("router", venue.name() + ": option package " + o.symbol() + " " + r.status()
                                + (r.reason().isEmpty() ? "" : ": " + r.reason()), null,
                        new JsonObject().put("package_id", packageId).put("order_id", o.id()).put("legs", legsJson),
                        System.currentTimeMillis());
                for (Object m : PackageBookings.of(o, ticket, r, System.currentTimeMillis())) {
                    if (m instanceof OrderRejected rej) vertx.eventBus().publish(Addresses.EVT_ORDER_REJECTED, rej);
                    vertx.eventBus().send(Addresses.EVT_EXEC, m);
                }
            }
            drain();
        });
    }

    /** A paper order takes the live path up to the adapter boundary ({@link PaperFills}). */
    private void sendPaper(Order o) {
        Object out = paper.fill(o);
        if (out instanceof OrderRejected r) {
            vertx.eventBus().publish(Addresses.EVT_ORDER_REJECTED, r);
        } else if (o.entry()) {
            entryDecidedMs.put(o.assetClass() + ":" + o.symbol(), o.timeMs());
        }
        vertx.eventBus().send(Addresses.EVT_EXEC, out);
    }

    private void sendLive(LiveVenue venue, Order o) {
        OrderRequest market = OrderRequest.market(OrderLinkIds.of(o.id()), PaperFills.category(o.assetClass()), o.symbol(), o.side(),
                o.qty(), o.refPrice(), o.timeMs());
        // Entries carry the sizer's leverage (a derivatives venue sets it first); derivative exits only reduce.
        OrderRequest plain = o.entry() ? market.withLeverage(o.leverage().max(java.math.BigDecimal.ONE))
                : o.assetClass() == dev.meridian.core.AssetClass.SPOT ? market : market.asReduceOnly();
        // A forex entry carries its stop to the venue (OANDA's stopLossOnFill): the position is protected
        // even while the bot is down; if it triggers, the venue reports the close (ClosedAtVenue).
        OrderRequest request = o.entry() && o.assetClass() == AssetClass.FOREX && o.stopPrice().signum() > 0
                ? plain.withStopLoss(o.stopPrice()) : plain;
        LiveOrder lo = new LiveOrder(o, request);
        inFlight = lo;
        tracked.put(lo.linkId(), lo);
        holdTimer = vertx.setTimer(params.liveHoldMs(), id -> releaseHold(lo));
        // Stored first: if we crash after the request left, the restart looks it up instead of resending.
        store.get().insert(lo, venue.name())
                .compose(v -> venue.place(request))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        // Still ambiguous (the venue exhausted its retries): keep tracking; reconciliation decides.
                        LOG.severe("live order " + lo.linkId() + " placement unresolved: " + ar.cause().getMessage());
                        return;
                    }
                    LiveVenue.PlaceOutcome out = ar.result();
                    if (!out.atVenue()) {
                        lo.reject(out.kind() + ": " + out.reason());
                        finish(lo);
                    }
                });
    }

    private void onVenueEvent(LiveVenue venue, LiveVenue.Event e) {
        if (stopped) return;
        if (venue.trades(AssetClass.OPTIONS)) packages.ifPresent(p -> p.onEvent(e));
        if (e instanceof LiveVenue.Executed x) {
            LiveOrder lo = tracked.get(x.execution().orderLinkId());
            if (lo == null) {
                LOG.fine(venue.name() + " execution " + x.execution().execId() + " is not for an open order of ours (ignored)");
                return;
            }
            if (lo.add(x.execution())) {
                store.get().execution(x.execution()).onFailure(err -> LOG.severe("execution not stored: " + err.getMessage()));
                maybeFinish(lo);
            }
        } else if (e instanceof LiveVenue.OrderUpdate u) {
            LiveOrder lo = tracked.get(u.order().orderLinkId());
            if (lo == null) return;
            lo.update(u.order());
            store.get().status(lo, u.order().cumExecQty()).onFailure(err -> LOG.severe("order status not stored: " + err.getMessage()));
            maybeFinish(lo);
        } else if (e instanceof LiveVenue.StatusChanged s) {
            LOG.warning(venue.name() + (s.ready() ? " ready: " : " not ready: ") + s.status());
        } else if (e instanceof LiveVenue.FundingFee f) {
            // A fee on the position's sub-ledger, booked (once per execId) by the portfolio.
            // Bybit's perp funding, OANDA's forex financing: the class is the venue's margined one.
            vertx.eventBus().send(Addresses.EVT_EXEC, new FundingFee(f.symbol(), marginedClassOf(venue), f.fee(), f.timeMs(), f.execId()));
        } else if (e instanceof LiveVenue.ClosedAtVenue c) {
            // The venue's own order (a stop attached on fill, a closeout): the portfolio books it as the exit.
            AssetClass cls = marginedClassOf(venue);
            LOG.warning(venue.name() + " closed " + c.qty().toPlainString() + " " + c.symbol() + " by its own order (" + c.reason()
                    + ") at " + c.price().toPlainString());
            vertx.eventBus().send(Addresses.EVT_EXEC, new VenueClose(venue.name(), c.symbol(), cls, c.side(), c.qty(), c.price(),
                    c.fee(), c.timeMs(), c.execId(), c.reason()));
        } else if (e instanceof LiveVenue.PositionRisk p) {
            vertx.eventBus().publish(Addresses.EVT_POSITION_RISK, new VenuePosition(venue.name(), p.symbol(), p.size(),
                    p.liqPrice(), p.markPrice(), p.timeMs()));
        }
    }

    private void maybeFinish(LiveOrder lo) {
        if (lo.complete()) finish(lo);
    }

    /** Sends the completed order's fill (or rejection) to the portfolio, once, and frees the chain. */
    private void finish(LiveOrder lo) {
        if (tracked.remove(lo.linkId()) == null) return;
        store.get().status(lo, lo.executedGrossQty()).onFailure(err -> LOG.severe("order status not stored: " + err.getMessage()));
        Optional<dev.meridian.core.Fill> fill = lo.fill();
        if (fill.isPresent()) {
            if (lo.order().entry()) entryDecidedMs.put(lo.order().assetClass() + ":" + lo.order().symbol(), lo.order().timeMs());
            vertx.eventBus().send(Addresses.EVT_EXEC, fill.get());
        } else {
            reject(lo.order(), "venue", lo.reason().isEmpty() ? lo.status().name() : lo.reason());
        }
        releaseHold(lo);
    }

    private void releaseHold(LiveOrder lo) {
        if (inFlight != lo) return;
        if (!lo.complete()) LOG.warning("live order " + lo.linkId() + " still open after " + params.liveHoldMs() + " ms; the chain goes on, it books when done");
        vertx.cancelTimer(holdTimer);
        inFlight = null;
        drain();
    }

    /** Orders open at a venue that the router does not track, already reported (reported once each). */
    private final java.util.Set<String> reportedForeign = new java.util.HashSet<>();

    /**
     * Asks each venue about every unbooked order — missing executions are booked (and audited),
     * vanished orders rejected — and about orders open there that the router does not know: those
     * are not ours to cancel (the owner may trade by hand), so they are logged and audited once.
     */
    private void reconcile() {
        if (reconciling || stopped) return;
        reconciling = true;
        List<Future<?>> round = new ArrayList<>();
        for (LiveVenue v : venues) {
            if (!v.ready()) continue;
            round.add(v.openOrders().onSuccess(open -> {
                if (stopped) return;
                for (LiveVenue.VenueOrder o : open) {
                    if (o.status().isFinal() || tracked.containsKey(o.orderLinkId())
                            || !reportedForeign.add(v.name() + ":" + o.orderLinkId())) continue;
                    LOG.warning(v.name() + " has an open order the ledger does not know: " + o.orderLinkId() + " (" + o.status() + ")");
                    store.get().audit(v.name() + ": open order not placed by this bot: '" + o.orderLinkId() + "'", null,
                            new JsonObject().put("order_link_id", o.orderLinkId()).put("status", o.status().name()),
                            System.currentTimeMillis());
                }
            }).onFailure(e -> LOG.warning("open orders of " + v.name() + " not read (retried later): " + e.getMessage())));
        }
        for (LiveOrder lo : List.copyOf(tracked.values())) {
            Optional<LiveVenue> venue = venueFor(lo.order().assetClass());
            if (venue.isEmpty() || !venue.get().ready()) continue;
            LiveVenue v = venue.get();
            round.add(v.lookup(lo.request()).compose(found -> {
                if (stopped) return Future.succeededFuture();
                if (found.isEmpty()) {
                    // Stored but never accepted (the crash came before the request left, or the venue refused it).
                    if (lo != inFlight && System.currentTimeMillis() - lo.request().timeMs() > params.liveHoldMs()) {
                        lo.reject("not found at " + v.name() + " by orderLinkId " + lo.linkId());
                        finish(lo);
                    }
                    return Future.succeededFuture();
                }
                return v.executions(lo.request()).map(execs -> {
                    if (stopped) return null;
                    int repaired = 0;
                    for (LiveVenue.LiveExecution x : execs) {
                        if (lo.add(x)) {
                            repaired++;
                            store.get().execution(x);
                        }
                    }
                    if (repaired > 0) {
                        LOG.warning("reconciliation found " + repaired + " execution(s) of " + lo.linkId() + " the stream had not delivered");
                        store.get().audit("live order " + lo.linkId() + ": " + repaired + " execution(s) recovered from " + v.name(),
                                null, new JsonObject().put("order_link_id", lo.linkId()).put("executions", repaired), System.currentTimeMillis());
                    }
                    lo.update(found.get());
                    store.get().status(lo, found.get().cumExecQty());
                    maybeFinish(lo);
                    return null;
                });
            }).onFailure(e -> LOG.warning("reconciliation of " + lo.linkId() + " failed (retried later): " + e.getMessage())));
        }
        Future.join(round).onComplete(x -> reconciling = false);
    }

    /** The margined class a venue trades (PERP for Bybit's linear venue, FOREX for OANDA): where its funding and closes belong. */
    private static AssetClass marginedClassOf(LiveVenue venue) {
        for (AssetClass c : AssetClass.values()) if (c.margined() && venue.trades(c)) return c;
        return AssetClass.PERP;
    }

    private Optional<LiveVenue> venueFor(AssetClass c) {
        return venues.stream().filter(v -> v.trades(c)).findFirst();
    }

    private void reject(Order o, String stage, String reason) {
        OrderRejected r = new OrderRejected(o.id(), o.source(), o.seq(), o.timeMs(), o.symbol(), o.assetClass(), o.side(),
                o.entry(), stage, reason);
        vertx.eventBus().publish(Addresses.EVT_ORDER_REJECTED, r);
        vertx.eventBus().send(Addresses.EVT_EXEC, r);
    }
}
