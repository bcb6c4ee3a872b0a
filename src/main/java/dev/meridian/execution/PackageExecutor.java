package dev.meridian.execution;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.OrderType;
import dev.meridian.execution.PackageResult.LegOutcome;
import dev.meridian.execution.PackageResult.LegState;
import dev.meridian.execution.PackageResult.Unwind;
import dev.meridian.options.OptionPackage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Places an option package's legs on a {@link LiveVenue} as one all-or-nothing order: either every
 * leg fills completely, or every contract that did fill is closed again, and the
 * {@link PackageResult} says which, leg by leg, with the reasons. Plain class: it returns futures,
 * uses no event bus, and keeps no state beyond the orders it is waiting on.
 *
 * <p><b>Legs go one at a time, BUY legs first</b> (each side in the caller's order). A venue has
 * no atomic multi-leg order here, so between two legs the account holds part of the package. With
 * the long legs first, that part is only ever long options, whose loss is bounded by the premium
 * paid; a credit package (bull put, bear call, iron condor) is never left naked short because its
 * protecting long leg failed after the short one filled. Buying first also means the margin a short
 * leg needs is judged with its cover already in the account.
 *
 * <p><b>Each leg</b> is an IOC limit order ({@link OrderRequest#limitIoc}) at the leg's limit
 * price, with the deterministic {@code orderLinkId} {@code <packageId>-L<index>} (index = the leg's
 * position in the caller's list), so running the same package id again can never double a leg: the
 * venue answers "already placed" and the fill is then confirmed by lookup. A leg fails when the
 * venue rejects or skips it, when its order ends (cancelled/rejected) short of its qty, or when it
 * is not completely filled within the fill timeout (then it is looked up once; a lookup that
 * cannot answer leaves the leg UNKNOWN).
 *
 * <p><b>Unwind.</b> After a failed leg no further leg is sent, and every fill so far (including a
 * partial fill of the failed leg) is closed with an opposite, reduce-only IOC limit at the leg's
 * {@link PackageLeg#unwindLimitPrice} and the id {@code <packageId>-U<index>}. Short legs are bought
 * back first. If a short leg cannot be bought back, the long legs are deliberately kept (not sold)
 * as its cover and reported open, because selling them would leave a naked short. Any unwind that
 * is refused or does not fill, and any UNKNOWN leg, makes the result {@code UNWIND_FAILED} naming
 * the legs left open, logged as SEVERE: never dropped silently.
 *
 * <p><b>Fills</b> are learned from the venue's {@link LiveVenue.Executed} and
 * {@link LiveVenue.OrderUpdate} events, which the owner feeds to {@link #onEvent}: a venue has one
 * event handler (the router's), so the router forwards the events to this executor rather than
 * this executor taking the handler over. Events of orders it is not waiting on are ignored;
 * executions are counted once per {@code execId}. A fill may be pushed before the placement's
 * answer arrives, so each leg is watched before it is sent.
 *
 * <p>Threading: call {@link #execute} and {@link #onEvent} on one Vert.x context (the router's,
 * where the venue delivers its events); nothing blocks. Several packages may run at once as long
 * as their ids differ. Booking the fills in the portfolio is the caller's job (the events reach
 * the router as usual).
 */
public final class PackageExecutor {
    private static final Logger LOG = Logger.getLogger(PackageExecutor.class.getName());
    /** Room for "-L9"/"-U9" within Bybit's 36 characters. */
    private static final Pattern PACKAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,33}");
    /** Legs are indexed 0..9 so the suffixes stay one digit. */
    public static final int MAX_LEGS = 10;

    private final Vertx vertx;
    private final LiveVenue venue;
    private final long fillTimeoutMs;
    private final LongSupplier clockMs;
    private final Map<String, Watch> watches = new HashMap<>();

    /**
     * @param venue       the options venue ({@code trades(AssetClass.OPTIONS)})
     * @param fillTimeout how long a placed leg (or unwind) may take to fill completely before it counts as failed
     * @param clockMs     wall clock, epoch ms, for the requests' {@code timeMs}
     */
    public PackageExecutor(Vertx vertx, LiveVenue venue, Duration fillTimeout, LongSupplier clockMs) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        if (!venue.trades(AssetClass.OPTIONS)) throw new IllegalArgumentException(venue.name() + " does not trade options");
        if (fillTimeout.isNegative() || fillTimeout.isZero()) throw new IllegalArgumentException("fill timeout must be > 0");
        this.fillTimeoutMs = fillTimeout.toMillis();
    }

    /**
     * The legs of {@code pkg} as orders: each option leg at its own price (a BUY at the ask, a SELL
     * at the bid, as {@code PackageBuilder} priced it), its unwind {@code unwindSlippage} (a
     * fraction, e.g. 0.2) worse than that price: a BUY leg is sold back at price × (1 − s), a SELL
     * leg bought back at price × (1 + s).
     *
     * @throws IllegalArgumentException for a package with an underlying leg (a protective put's
     *                                  spot/perp leg trades on another venue) or s outside [0, 1)
     */
    public static List<PackageLeg> legsOf(OptionPackage pkg, BigDecimal unwindSlippage) {
        Objects.requireNonNull(pkg, "pkg");
        List<PackageLeg> legs = new ArrayList<>();
        for (OptionPackage.Leg leg : pkg.legs()) {
            if (!leg.isOption()) {
                throw new IllegalArgumentException(pkg.kind() + " has an underlying leg; it is not an option order");
            }
            legs.add(PackageLeg.of(leg.contract().orElseThrow().symbol(), leg.side(), leg.qty(), leg.price(), unwindSlippage));
        }
        return legs;
    }

    /** The id of leg {@code index}'s order. */
    public static String legLinkId(String packageId, int index) { return packageId + "-L" + index; }

    /** The id of the order that closes leg {@code index}'s fill. */
    public static String unwindLinkId(String packageId, int index) { return packageId + "-U" + index; }

    /**
     * Sends the package (see the class comment). The future fails only for invalid arguments
     * (package id not 1..33 of {@code [A-Za-z0-9_-]}, no legs or more than {@value #MAX_LEGS});
     * every venue outcome, however bad, is a {@link PackageResult}.
     */
    public Future<PackageResult> execute(String packageId, List<PackageLeg> legs) {
        if (packageId == null || !PACKAGE_ID.matcher(packageId).matches()) {
            return Future.failedFuture(new IllegalArgumentException("package id must be 1..33 of [A-Za-z0-9_-], got '" + packageId + "'"));
        }
        if (legs == null || legs.isEmpty() || legs.size() > MAX_LEGS) {
            return Future.failedFuture(new IllegalArgumentException("a package has 1.." + MAX_LEGS + " legs, got "
                    + (legs == null ? 0 : legs.size())));
        }
        Run run = new Run(packageId, List.copyOf(legs));
        return sendLegs(run, 0).compose(v -> finish(run));
    }

    /** Feed every event of the venue here (see the class comment); others' orders are ignored. */
    public void onEvent(LiveVenue.Event e) {
        if (e instanceof LiveVenue.Executed x) {
            Watch w = watches.get(x.execution().orderLinkId());
            if (w != null) w.execution(x.execution());
        } else if (e instanceof LiveVenue.OrderUpdate u) {
            Watch w = watches.get(u.order().orderLinkId());
            if (w != null) w.update(u.order());
        }
    }

    // ---- one package

    /** A package in flight: its legs in sending order and what became of each. */
    private static final class Run {
        final String packageId;
        final List<PackageLeg> legs;
        /** Caller indices in sending order: BUY legs first, each side in the caller's order. */
        final List<Integer> order = new ArrayList<>();
        final Map<Integer, Fill> fills = new HashMap<>();
        final Map<Integer, Unwind> unwinds = new HashMap<>();
        int failedAt = -1;

        Run(String packageId, List<PackageLeg> legs) {
            this.packageId = packageId;
            this.legs = legs;
            for (int i = 0; i < legs.size(); i++) if (legs.get(i).side() == Side.BUY) order.add(i);
            for (int i = 0; i < legs.size(); i++) if (legs.get(i).side() == Side.SELL) order.add(i);
        }
    }

    private Future<Void> sendLegs(Run run, int k) {
        if (k >= run.order.size()) return Future.succeededFuture();
        int i = run.order.get(k);
        PackageLeg leg = run.legs.get(i);
        OrderRequest req = OrderRequest.limitIoc(legLinkId(run.packageId, i), Category.OPTION, leg.symbol(), leg.side(), leg.qty(),
                leg.limitPrice(), leg.limitPrice(), clockMs.getAsLong());
        return send(req).compose(fill -> {
            run.fills.put(i, fill);
            if (fill.state == LegState.FILLED) return sendLegs(run, k + 1);
            run.failedAt = i;
            return Future.succeededFuture();
        });
    }

    private Future<PackageResult> finish(Run run) {
        if (run.failedAt < 0) {
            List<LegOutcome> legs = new ArrayList<>();
            for (int i = 0; i < run.legs.size(); i++) legs.add(outcome(run, i, BigDecimal.ZERO));
            return Future.succeededFuture(new PackageResult(run.packageId, PackageResult.Status.FILLED, legs, ""));
        }
        return unwind(run).map(v -> result(run));
    }

    /**
     * Closes every fill: the short legs' (bought back) first, then the long legs' unless a short
     * leg stayed open, in which case the longs are kept as its cover.
     */
    private Future<Void> unwind(Run run) {
        List<Integer> shorts = new ArrayList<>();
        List<Integer> longs = new ArrayList<>();
        for (int i : run.order) {
            Fill f = run.fills.get(i);
            if (f == null || f.filled.signum() <= 0) continue;
            (run.legs.get(i).side() == Side.SELL ? shorts : longs).add(i);
        }
        return unwindEach(run, shorts, 0).compose(v -> {
            boolean shortOpen = shorts.stream().anyMatch(i -> !run.unwinds.get(i).closed())
                    || run.fills.values().stream().anyMatch(f -> f.state == LegState.UNKNOWN);
            if (!shortOpen) return unwindEach(run, longs, 0);
            for (int i : longs) {
                PackageLeg leg = run.legs.get(i);
                run.unwinds.put(i, new Unwind(unwindLinkId(run.packageId, i), leg.side().opposite(), run.fills.get(i).filled,
                        BigDecimal.ZERO, false, "not sold: kept as cover, since a short leg is (or may be) still open",
                        Optional.empty(), BigDecimal.ZERO));
            }
            return Future.succeededFuture();
        });
    }

    private Future<Void> unwindEach(Run run, List<Integer> indices, int k) {
        if (k >= indices.size()) return Future.succeededFuture();
        int i = indices.get(k);
        PackageLeg leg = run.legs.get(i);
        BigDecimal qty = run.fills.get(i).filled;
        String link = unwindLinkId(run.packageId, i);
        OrderRequest req = new OrderRequest(link, Category.OPTION, leg.symbol(), leg.side().opposite(), OrderType.LIMIT, qty,
                Optional.of(leg.unwindLimitPrice()), false, true, leg.unwindLimitPrice(), clockMs.getAsLong(), BigDecimal.ONE, true);
        return send(req).compose(fill -> {
            boolean closed = fill.state == LegState.FILLED;
            BigDecimal closedQty = closed ? qty : fill.filled.min(qty);
            run.unwinds.put(i, new Unwind(link, req.side(), qty, closedQty, closed, closed ? "closed" : fill.reason, fill.avgPrice(),
                    fill.fees));
            return unwindEach(run, indices, k + 1);
        });
    }

    private PackageResult result(Run run) {
        List<LegOutcome> legs = new ArrayList<>();
        for (int i = 0; i < run.legs.size(); i++) {
            Fill f = run.fills.get(i);
            Unwind u = run.unwinds.get(i);
            BigDecimal filled = f == null ? BigDecimal.ZERO : f.filled;
            BigDecimal open = u == null ? BigDecimal.ZERO : filled.subtract(u.closedQty()).max(BigDecimal.ZERO);
            legs.add(outcome(run, i, open));
        }
        PackageLeg failed = run.legs.get(run.failedAt);
        String why = "leg " + run.failedAt + " " + failed.side() + " " + failed.qty().toPlainString() + " " + failed.symbol()
                + " failed: " + run.fills.get(run.failedAt).reason;
        List<String> open = new ArrayList<>();
        for (LegOutcome l : legs) {
            if (l.state() == LegState.UNKNOWN) {
                open.add("leg " + l.index() + " " + l.side() + " " + l.symbol() + " (order " + l.orderLinkId() + ": state unknown, "
                        + l.reason() + ")");
            } else if (l.leftOpen().signum() > 0) {
                open.add("leg " + l.index() + " " + l.side() + " " + l.leftOpen().toPlainString() + " " + l.symbol() + " ("
                        + l.unwind().map(Unwind::reason).orElse("") + ")");
            }
        }
        if (open.isEmpty()) {
            long unwound = legs.stream().filter(l -> l.unwind().isPresent()).count();
            String reason = why + "; " + (unwound == 0 ? "nothing had filled, nothing to unwind"
                    : unwound + " filled leg(s) closed again, nothing left open");
            LOG.warning("package " + run.packageId + " UNWOUND: " + reason);
            return new PackageResult(run.packageId, PackageResult.Status.UNWOUND, legs, reason);
        }
        String reason = why + "; UNWIND FAILED, LEFT OPEN AT " + venue.name() + ": " + String.join("; ", open);
        LOG.severe("package " + run.packageId + " " + reason);
        return new PackageResult(run.packageId, PackageResult.Status.UNWIND_FAILED, legs, reason);
    }

    private static LegOutcome outcome(Run run, int i, BigDecimal leftOpen) {
        PackageLeg leg = run.legs.get(i);
        Fill f = run.fills.get(i);
        String link = legLinkId(run.packageId, i);
        if (f == null) {
            return new LegOutcome(i, leg.symbol(), leg.side(), leg.qty(), link, LegState.NOT_SENT, BigDecimal.ZERO, Optional.empty(),
                    BigDecimal.ZERO, "not sent: leg " + run.failedAt + " failed first", Optional.empty(), BigDecimal.ZERO);
        }
        return new LegOutcome(i, leg.symbol(), leg.side(), leg.qty(), link, f.state, f.filled, f.avgPrice(), f.fees, f.reason,
                Optional.ofNullable(run.unwinds.get(i)), leftOpen);
    }

    // ---- one order

    /** How one IOC order ended: its state, the qty filled (partial fills of failures included) and why. */
    private record Fill(LegState state, BigDecimal filled, BigDecimal notional, BigDecimal notionalQty, BigDecimal fees, String reason) {
        Optional<BigDecimal> avgPrice() {
            return notionalQty.signum() > 0 ? Optional.of(notional.divide(notionalQty, MathContext.DECIMAL64)
                    .setScale(Math.max(notional.scale(), 8), RoundingMode.HALF_EVEN).stripTrailingZeros()) : Optional.empty();
        }
    }

    /** Sends {@code req} and resolves once it is filled, has failed, or its state cannot be known. */
    private Future<Fill> send(OrderRequest req) {
        Watch w = new Watch(req);
        watches.put(req.orderLinkId(), w);
        venue.place(req).onComplete(ar -> {
            if (w.done()) return;
            if (ar.succeeded()) {
                LiveVenue.PlaceOutcome o = ar.result();
                if (o.atVenue()) {
                    w.armTimeout();
                } else {
                    w.fail(LegState.FAILED, o.kind() + ": " + o.reason());
                }
            } else {
                // The venue already looked up before resending; the order may still exist. Ask once more.
                String cause = String.valueOf(ar.cause().getMessage());
                venue.lookup(req).onComplete(look -> {
                    if (w.done()) return;
                    if (look.failed()) {
                        w.fail(LegState.UNKNOWN, "placement failed (" + cause + ") and the lookup failed ("
                                + look.cause().getMessage() + ")");
                    } else if (look.result().isEmpty()) {
                        w.fail(LegState.FAILED, "placement failed (" + cause + "); the venue has no such order");
                    } else {
                        w.update(look.result().get());
                        if (!w.done()) w.armTimeout();
                    }
                });
            }
        });
        return w.promise.future().onComplete(x -> {
            watches.remove(req.orderLinkId(), w);
            if (w.timer >= 0) vertx.cancelTimer(w.timer);
        }).compose(fill -> fill.notionalQty.compareTo(fill.filled) >= 0 ? Future.succeededFuture(fill) : priced(w, fill));
    }

    /**
     * A fill whose executions were not all seen (the venue said FILLED, the stream lost some
     * executions) has no complete price or fee: its executions are read from the venue, once, so
     * the package is booked at what it really traded at. If they cannot be read, the fill keeps
     * what was seen and the log says the price is partial.
     */
    private Future<Fill> priced(Watch w, Fill fill) {
        return venue.executions(w.req).map(execs -> {
            for (LiveVenue.LiveExecution e : execs) w.count(e);
            return new Fill(fill.state, fill.filled, w.notional, w.execQty, w.fees, fill.reason);
        }).otherwise(e -> {
            LOG.severe("executions of " + w.req.orderLinkId() + " not read (" + e.getMessage() + "): its price and fees are those of "
                    + fill.notionalQty.toPlainString() + " of " + fill.filled.toPlainString() + " filled");
            return fill;
        });
    }

    /** One order being waited on: its executions (once per execId) and the venue's cumulative qty. */
    private final class Watch {
        final OrderRequest req;
        final Promise<Fill> promise = Promise.promise();
        final Set<String> execIds = new HashSet<>();
        BigDecimal execQty = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal cumQty = BigDecimal.ZERO;
        long timer = -1;

        Watch(OrderRequest req) { this.req = req; }

        boolean done() { return promise.future().isComplete(); }

        BigDecimal filled() { return execQty.max(cumQty); }

        void execution(LiveVenue.LiveExecution e) {
            if (done()) return;
            count(e);
            if (execQty.compareTo(req.qty()) >= 0) complete(LegState.FILLED, "filled");
        }

        /** Counts an execution once per execId. */
        void count(LiveVenue.LiveExecution e) {
            if (!execIds.add(e.execId())) return;
            execQty = execQty.add(e.grossQty());
            notional = notional.add(e.grossQty().multiply(e.price()));
            fees = fees.add(e.feeInQuote()).add(e.feeInBase().multiply(e.price()));
        }

        void update(LiveVenue.VenueOrder o) {
            if (done()) return;
            cumQty = cumQty.max(o.cumExecQty());
            if (o.status() == OrderStatus.FILLED) {
                // The venue may have sent the qty rounded down to its step; FILLED is the venue's word that it all filled.
                complete(LegState.FILLED, "filled");
            } else if (o.status().isFinal()) {
                complete(LegState.FAILED, o.status() + (o.reason() == null || o.reason().isBlank() ? "" : " (" + o.reason() + ")")
                        + " after filling " + filled().toPlainString() + " of " + req.qty().toPlainString());
            }
        }

        void armTimeout() {
            if (done()) return;
            timer = vertx.setTimer(fillTimeoutMs, t -> {
                timer = -1;
                if (done()) return;
                // IOC orders do not rest, so by now the venue knows the final state even if the stream lost it.
                venue.lookup(req).onComplete(look -> {
                    if (done()) return;
                    if (look.failed()) {
                        fail(LegState.UNKNOWN, "not completely filled within " + fillTimeoutMs + " ms (" + filled().toPlainString()
                                + " of " + req.qty().toPlainString() + " seen) and the lookup failed (" + look.cause().getMessage() + ")");
                        return;
                    }
                    look.result().ifPresent(this::update);
                    if (!done()) {
                        String status = look.result().map(o -> o.status().name()).orElse("not found");
                        fail(LegState.FAILED, "not completely filled within " + fillTimeoutMs + " ms: venue status " + status
                                + ", filled " + filled().toPlainString() + " of " + req.qty().toPlainString());
                    }
                });
            });
        }

        void fail(LegState state, String reason) { complete(state, reason); }

        private void complete(LegState state, String reason) {
            if (done()) return;
            // FILLED without a qty seen (a bare status) means the whole order; otherwise what the venue counted.
            BigDecimal filled = state == LegState.FILLED && filled().signum() == 0 ? req.qty() : filled();
            promise.complete(new Fill(state, filled, notional, execQty, fees, reason));
        }
    }
}
