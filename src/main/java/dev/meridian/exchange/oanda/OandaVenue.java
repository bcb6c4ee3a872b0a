package dev.meridian.exchange.oanda;

import dev.meridian.core.AssetClass;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.WalletBalanceSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * OANDA v20 as a {@link LiveVenue} for FOREX, and the LIVE wallet source of the FOREX sub-ledger.
 *
 * <p><b>Orders.</b> {@link #place} sends the request as {@link OandaOrders} builds it (MARKET FOK,
 * LIMIT GTC or IOC, signed whole units, the symbol as OANDA's instrument name such as
 * {@code EUR_USD}, the stop loss attached on fill), idempotent on {@code orderLinkId} through
 * {@link OandaRest#createOrder}. The request's category is not sent: OANDA has one kind of
 * instrument here. OANDA answers a market order at once with its fill or its cancellation, and the
 * venue has no private stream, so that answer is delivered as events (an {@link Executed}, then an
 * {@link OrderUpdate} FILLED or CANCELLED with OANDA's reason) and the router books without waiting
 * for reconciliation. When the answer is "already placed", what the venue then finds by client id is
 * delivered the same way (best effort: reconciliation is the backstop).
 *
 * <p><b>Fees and currency.</b> An execution's quote fee is the fill's {@code commission}, in the
 * account's home currency. {@code halfSpreadCost} is not a fee: it is already in the fill price.
 * {@code financing} is not part of the fee either. The FOREX sub-ledger keeps USD, so <em>the
 * account currency must be USD</em>: {@link #start()} reads the account summary and a venue on any
 * other currency stays not ready with a status saying so (fees and NAV in another currency would
 * be booked as dollars).
 *
 * <p><b>Readiness.</b> Ready once the summary was read and the account is in USD, until OANDA
 * rejects the token (401, at start or later): then not ready with the status
 * "{@value #TOKEN_REJECTED}" for good, since the client sends nothing more with that token. A
 * rejected token does not fail {@link #start()} (it is a known final state, not a failure to retry;
 * the Bybit venues' start fails instead when their stream refuses the key, and the router treats the
 * two alike: not ready, with the status); a network failure does fail it, leaving the venue not ready
 * with the cause in {@link #status()}.
 *
 * <p><b>Lookups.</b> {@link #lookup} and {@link #executions} find the order by client id
 * ({@code GET .../orders/@orderLinkId}) and its fill through {@code fillingTransactionID}. State
 * map: PENDING → NEW; FILLED → FILLED; TRIGGERED → FILLED once it has a filling transaction, else NEW
 * (its fill is not reported yet, so it is asked again later); CANCELLED → CANCELLED. The cumulative
 * quantity is the fill's units, so an IOC order cancelled after a partial fill reads true.
 *
 * <p>Events are delivered on the context that called {@link #start()} (a new event-loop context
 * when it was called off Vert.x).
 */
public final class OandaVenue implements LiveVenue, WalletBalanceSource {
    private static final Logger LOG = Logger.getLogger(OandaVenue.class.getName());
    public static final String NAME = "oanda";
    /** The currency of the FOREX sub-ledger, which the account must be kept in. */
    public static final String ACCOUNT_CURRENCY = "USD";
    static final String TOKEN_REJECTED = "OANDA rejected the token (401)";

    private final Vertx vertx;
    private final OandaRest rest;
    private Consumer<Event> handler = e -> {};
    private volatile Context context;
    private volatile String startProblem = "not started";
    private volatile OandaAccountSummary summary;
    private volatile boolean tokenRejectionReported;

    public OandaVenue(Vertx vertx, OandaRest rest) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    @Override public String name() { return NAME; }

    @Override public boolean trades(AssetClass assetClass) { return assetClass == AssetClass.FOREX; }

    @Override
    public boolean ready() {
        return startProblem == null && !rest.credentialsRejected();
    }

    @Override
    public String status() {
        if (rest.credentialsRejected()) return TOKEN_REJECTED;
        if (startProblem != null) return startProblem;
        return "ready (account " + rest.accountId() + ", " + ACCOUNT_CURRENCY + ")";
    }

    /** The account summary read at start, if it was read. */
    public Optional<OandaAccountSummary> summary() { return Optional.ofNullable(summary); }

    @Override
    public void onEvent(Consumer<Event> h) { this.handler = Objects.requireNonNull(h, "handler"); }

    /**
     * Reads the account summary. Succeeds when OANDA answered (ready if the account is in USD, else
     * not ready with the currency in the status) and when it rejected the token (not ready);
     * fails on anything else, with the cause in {@link #status()}.
     */
    @Override
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        return rest.accountSummary().transform(ar -> {
            if (ar.succeeded()) {
                OandaAccountSummary s = ar.result();
                summary = s;
                if (!ACCOUNT_CURRENCY.equals(s.currency())) {
                    startProblem = "account " + s.accountId() + " is kept in " + s.currency() + ", not " + ACCOUNT_CURRENCY
                            + ": the FOREX sub-ledger books " + ACCOUNT_CURRENCY + ", so the venue does not trade it";
                    LOG.severe(NAME + " not ready: " + startProblem);
                } else {
                    startProblem = null;
                    LOG.info(NAME + " ready: account " + s.accountId() + ", NAV " + s.nav().toPlainString() + " " + s.currency()
                            + ", " + s.openPositionCount() + " open position(s)");
                }
                return Future.succeededFuture();
            }
            if (ar.cause() instanceof OandaCredentialsRejectedException) {
                startProblem = TOKEN_REJECTED;
                tokenRejectionReported = true;
                LOG.severe(NAME + " not ready: " + TOKEN_REJECTED);
                return Future.succeededFuture();
            }
            startProblem = "start failed: " + ar.cause().getMessage();
            return Future.failedFuture(ar.cause());
        });
    }

    @Override
    public Future<Void> stop() {
        rest.close();
        return Future.succeededFuture();
    }

    @Override
    public Future<PlaceOutcome> place(OrderRequest r) {
        if (!ready()) return Future.succeededFuture(new PlaceOutcome(Placed.DISABLED, status()));
        OandaOrders.Body body = OandaOrders.body(r);
        if (body instanceof OandaOrders.Refused x) return Future.succeededFuture(new PlaceOutcome(Placed.REJECTED, x.reason()));
        return rest.createOrder(r.orderLinkId(), ((OandaOrders.Ok) body).order()).transform(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof OandaCredentialsRejectedException) {
                    tokenRejected();
                    return Future.succeededFuture(new PlaceOutcome(Placed.DISABLED, TOKEN_REJECTED));
                }
                // Unresolved (retries spent, or the lookup after an ambiguous attempt failed): the router keeps
                // tracking the order and reconciliation finds out.
                return Future.failedFuture(ar.cause());
            }
            OandaPlaceResult p = ar.result();
            if (p instanceof OandaPlaceResult.Created c) {
                deliverCreated(r, c);
                return Future.succeededFuture(new PlaceOutcome(Placed.PLACED, "orderID " + c.orderId()));
            }
            if (p instanceof OandaPlaceResult.AlreadyPlaced a) {
                reportFound(r);
                return Future.succeededFuture(new PlaceOutcome(Placed.ALREADY_PLACED, a.how()));
            }
            return Future.succeededFuture(new PlaceOutcome(Placed.REJECTED, ((OandaPlaceResult.Rejected) p).reason()));
        });
    }

    @Override
    public Future<Optional<VenueOrder>> lookup(OrderRequest r) {
        return watched(find(r).map(f -> f.map(x -> x.venueOrder(r.orderLinkId()))));
    }

    @Override
    public Future<List<LiveExecution>> executions(OrderRequest r) {
        return watched(find(r).map(f -> f.flatMap(Found::fill).map(x -> List.of(live(r.orderLinkId(), x))).orElse(List.of())));
    }

    /**
     * Pending orders, except those that belong to a trade (the stop losses this venue attaches, take
     * profits): they can only close a position, and our own stops must not read as someone else's
     * orders. An order without a client id is named by OANDA's id.
     */
    @Override
    public Future<List<VenueOrder>> openOrders() {
        return watched(rest.pendingOrders().map(list -> list.stream()
                .filter(o -> o.tradeId().isEmpty())
                .map(o -> new VenueOrder(o.clientId().isEmpty() ? "oanda-order-" + o.id() : o.clientId(), OrderStatus.NEW,
                        BigDecimal.ZERO, o.type()))
                .toList()));
    }

    /**
     * NAV in USD for the venue {@value #NAME}. NAV is balance plus the open trades' unrealized P&L,
     * which is how the FOREX sub-ledger counts its equity (cash plus unrealized: a margined position
     * is worth its unrealized P&L), so the two compare like for like. Fails when the account is not
     * in USD: a NAV in another currency is not a dollar amount.
     */
    @Override
    public Future<Map<String, BigDecimal>> balances() {
        return watched(rest.accountSummary()).compose(s -> {
            summary = s;
            if (!ACCOUNT_CURRENCY.equals(s.currency())) {
                return Future.failedFuture(new IllegalStateException("OANDA account " + s.accountId() + " is kept in " + s.currency()
                        + ", not " + ACCOUNT_CURRENCY));
            }
            return Future.succeededFuture(Map.of(NAME, s.nav()));
        });
    }

    @Override
    public Map<AssetClass, String> venueOf() { return Map.of(AssetClass.FOREX, NAME); }

    // ---- internals ----

    /** An order found by client id, with its fill when it has one. */
    private record Found(OandaOrder order, Optional<OandaFill> fill) {
        VenueOrder venueOrder(String linkId) {
            BigDecimal cum = fill.map(f -> f.units().abs()).orElse(BigDecimal.ZERO);
            OrderStatus status = switch (order.state()) {
                case PENDING -> OrderStatus.NEW;
                case FILLED -> OrderStatus.FILLED;
                case TRIGGERED -> fill.isPresent() ? OrderStatus.FILLED : OrderStatus.NEW;
                case CANCELLED -> OrderStatus.CANCELLED;
            };
            String reason = order.state() == OandaOrder.State.CANCELLED
                    ? "CANCELLED" + order.cancellingTransactionId().map(id -> " (transaction " + id + ")").orElse("")
                    : order.state().name();
            return new VenueOrder(linkId, status, cum, reason);
        }
    }

    private Future<Optional<Found>> find(OrderRequest r) {
        return rest.orderByClientId(r.orderLinkId()).compose(o -> {
            if (o.isEmpty()) return Future.succeededFuture(Optional.empty());
            OandaOrder order = o.get();
            if (order.fillingTransactionId().isEmpty()) return Future.succeededFuture(Optional.of(new Found(order, Optional.empty())));
            return rest.fillTransaction(order.fillingTransactionId().get()).map(f -> Optional.of(new Found(order, Optional.of(f))));
        });
    }

    /** The 201 answer as events: the fill, then the order's state (a cancellation's reason is OANDA's). */
    private void deliverCreated(OrderRequest r, OandaPlaceResult.Created c) {
        c.fill().ifPresent(f -> deliver(new Executed(live(r.orderLinkId(), f))));
        BigDecimal cum = c.fill().map(f -> f.units().abs()).orElse(BigDecimal.ZERO);
        OrderStatus status;
        String reason = "";
        if (c.cancelReason().isPresent()) {
            status = OrderStatus.CANCELLED;
            reason = c.cancelReason().get();
        } else if (c.fill().isPresent()) {
            status = cum.compareTo(r.qty()) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        } else {
            status = OrderStatus.NEW;
        }
        deliver(new OrderUpdate(new VenueOrder(r.orderLinkId(), status, cum, reason)));
    }

    /** After "already placed": what OANDA holds for the client id, as events. Failures only log; reconciliation asks again. */
    private void reportFound(OrderRequest r) {
        find(r).onSuccess(f -> f.ifPresent(x -> {
            x.fill().ifPresent(fill -> deliver(new Executed(live(r.orderLinkId(), fill))));
            deliver(new OrderUpdate(x.venueOrder(r.orderLinkId())));
        })).onFailure(e -> LOG.warning(NAME + ": " + r.orderLinkId() + " is already placed but not read back (reconciliation"
                + " retries): " + e.getMessage()));
    }

    /**
     * A fill as the router books it: the gross quantity is the units traded, the quote fee the
     * commission. The execution id is the account and the fill transaction's id: transaction ids are
     * unique within an account only, and a state dir may see more than one account (practice, live).
     */
    private LiveExecution live(String linkId, OandaFill f) {
        return new LiveExecution(linkId, "oanda-" + rest.accountId() + "-" + f.transactionId(), f.units().abs(), f.price(),
                BigDecimal.ZERO, f.commission(), f.timeMs());
    }

    /** {@code f}, noting a token rejection (a 401 on any call makes the venue not ready, and says so once). */
    private <T> Future<T> watched(Future<T> f) {
        return f.onFailure(e -> {
            if (e instanceof OandaCredentialsRejectedException) tokenRejected();
        });
    }

    private void tokenRejected() {
        if (tokenRejectionReported) return;
        tokenRejectionReported = true;
        LOG.severe(NAME + " not ready: " + TOKEN_REJECTED);
        deliver(new StatusChanged(false, TOKEN_REJECTED));
    }

    private void deliver(Event e) {
        Context c = context;
        if (c == null) return;
        c.runOnContext(v -> handler.accept(e));
    }
}
