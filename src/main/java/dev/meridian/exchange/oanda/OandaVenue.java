package dev.meridian.exchange.oanda;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.VenueCursor;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.WalletBalanceSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p><b>Fees and currency.</b> An execution's quote fee is the fill's {@code commission} less its
 * {@code financing} (the financing OANDA settles on the trades a fill closes, negative when charged,
 * so a charge adds to the fee), in the account's home currency: financing is money the position
 * cost, booked like a perp's funding, as a fee and never as a fill. {@code halfSpreadCost} is not a
 * fee: it is already in the fill price. Daily financing ({@code DAILY_FINANCING}, found by the
 * transactions poll) is delivered per instrument as a {@link LiveVenue.FundingFee} (fee = −financing,
 * execution id {@code oanda-{account}-{txId}-{instrument}}). The FOREX sub-ledger keeps USD, so <em>the
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
 * <p><b>Closes the bot did not send.</b> Entries carry a stop loss that lives at OANDA; when it
 * triggers, OANDA closes the trade by an order the router never sent, and OANDA has no private stream
 * to say so. So, once {@link #start()} found the venue ready, the venue reads the account's
 * transactions every {@code pollInterval} ({@code GET .../transactions/sinceid?id={lastSeen}}) and
 * reports each close it finds as a {@link ClosedAtVenue}:
 * <ul>
 *   <li><b>From where.</b> With a {@link VenueCursor}, {@code lastSeen} starts where the last run's
 *       reading got to (saved after every page that moved it), so what happened while the bot was
 *       down (a stop that closed a position, a night's financing) is found and reported; without a
 *       saved position (the first run) it starts at the summary's {@code lastTransactionID}, so the
 *       account's history from before the bot existed is not replayed. A later {@link #start()} goes
 *       on from where the reading got to: restarting from a newer summary would skip what lies
 *       between.</li>
 *   <li><b>What is a close.</b> Only {@code ORDER_FILL} transactions count; every other type
 *       (financing, order creation and cancellation, ...) is passed over. A fill is <em>ours</em>, and
 *       skipped because {@link #place} (or reconciliation, for a resting limit) reports it, when it
 *       carries a {@code clientOrderID} and its {@code reason} is MARKET_ORDER or LIMIT_ORDER, the
 *       fill of an order a client created itself: every order this venue sends is one of those and
 *       has a client id. Any other fill was not sent by the bot: a stop loss, take profit or trailing
 *       stop filling (those orders have no client id, since {@link OandaOrders} gives them none, and
 *       their reason says what they are whatever ids they carry), a close through the trade or
 *       position endpoints or by hand (MARKET_ORDER_TRADE_CLOSE, MARKET_ORDER_POSITION_CLOSEOUT), a
 *       margin closeout, or a hand order without a client id. The rule needs no memory of what this
 *       process placed, so it holds across restarts; its limit is that an order someone else sends
 *       through the API with a client id of their own reads as ours.</li>
 *   <li><b>How much.</b> Only the part of the fill that closed trades is reported: the units of its
 *       {@code tradesClosed} and {@code tradeReduced}. A fill that opened a trade we did not ask for
 *       (the owner traded by hand, or flipped a position) is logged as a warning and its opened part
 *       is not reported: it is not the bot's position, and booking it as one would let the bot manage
 *       a trade it never sized. A fill that closed nothing is reported not at all.</li>
 *   <li><b>The event.</b> Symbol the instrument; side SELL for negative units (closing a long), BUY
 *       otherwise; quantity the closed units; price the fill's price (every unit of a fill is filled
 *       at it); fee the commission plus any guaranteed-stop execution fee less the fill's financing, in
 *       the account currency, as for our own fills; the execution id {@code oanda-{account}-{txId}},
 *       the format of our own fills, so a consumer dedupes both alike; the reason OANDA's.</li>
 *   <li><b>Exactly once per process.</b> {@code lastSeen} moves to the newest id of a page only after
 *       the whole page was processed, so a failed read is asked again from the same id; emitted ids are
 *       remembered (the last {@value #EMITTED_MEMORY}) so nothing is emitted twice here. Across restarts
 *       the consumer dedupes by execution id. A fill that does not read is logged as an error and passed
 *       over: the same bytes would fail on every read, and the transactions after it still matter.</li>
 *   <li><b>Failures.</b> A read is retried as every read is (within the attempt budget); a read that
 *       still fails is logged once per run of failures (and the recovery once) and the next poll tries
 *       again. A 401 makes the venue not ready, as on any call, and ends the reading. One read at a time:
 *       the next is scheduled when the last has ended, so a slow answer never overlaps the next.
 *       {@link #stop()} cancels it.</li>
 * </ul>
 *
 * <p>Events are delivered, and the transactions read, on the context that first called
 * {@link #start()} (a new event-loop context when it was called off Vert.x).
 */
public final class OandaVenue implements LiveVenue, WalletBalanceSource {
    private static final Logger LOG = Logger.getLogger(OandaVenue.class.getName());
    public static final String NAME = "oanda";
    /** The currency of the FOREX sub-ledger, which the account must be kept in. */
    public static final String ACCOUNT_CURRENCY = "USD";
    static final String TOKEN_REJECTED = "OANDA rejected the token (401)";
    /**
     * How often the transactions are read for closes the bot did not send. A stop that filled is
     * reported within about this long; OANDA allows 120 requests/s, so a read every 5 s costs nothing.
     */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Fill reasons of orders a client creates itself; with a client id such a fill is one of ours. */
    private static final Set<String> CLIENT_ORDER_FILL_REASONS = Set.of("MARKET_ORDER", "LIMIT_ORDER");
    /** Emitted close ids kept against a re-read: far more closes than a poll can bring. */
    static final int EMITTED_MEMORY = 10_000;

    private final Vertx vertx;
    private final OandaRest rest;
    private final long pollMs;
    private Consumer<Event> handler = e -> {};
    private volatile Context context;
    private volatile String startProblem = "not started";
    private volatile OandaAccountSummary summary;
    private volatile boolean tokenRejectionReported;
    private volatile boolean stopped;
    private volatile long pollTimer = -1;
    // The transaction reading's state: touched only on `context`, where its timer and replies run.
    private boolean watching;
    private long lastSeen = -1;
    private final Optional<VenueCursor> cursor;
    private int failedPolls;
    /** Insertion-ordered, so the oldest id is the one dropped past {@link #EMITTED_MEMORY}. */
    private final Set<Long> emitted = new LinkedHashSet<>();

    /** A venue reading the transactions every {@link #DEFAULT_POLL_INTERVAL}. */
    public OandaVenue(Vertx vertx, OandaRest rest) {
        this(vertx, rest, DEFAULT_POLL_INTERVAL);
    }

    /** A venue reading the transactions every {@code pollInterval} (at least 1 ms) once started. */
    public OandaVenue(Vertx vertx, OandaRest rest, Duration pollInterval) {
        this(vertx, rest, pollInterval, Optional.empty());
    }

    /** As above, reading on from (and saving to) {@code cursor} across restarts. */
    public OandaVenue(Vertx vertx, OandaRest rest, Duration pollInterval, Optional<VenueCursor> cursor) {
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.rest = Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.toMillis() < 1) throw new IllegalArgumentException("pollInterval must be >= 1 ms, got " + pollInterval);
        this.pollMs = pollInterval.toMillis();
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
     * fails on anything else, with the cause in {@link #status()}. When ready, the transactions are
     * read from then on (see the class comment).
     */
    @Override
    public Future<Void> start() {
        if (context == null) context = vertx.getOrCreateContext();
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
                    watchTransactions(s.lastTransactionId());
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

    /** Ends the transaction reading and closes the REST client; the venue cannot be started again. */
    @Override
    public Future<Void> stop() {
        stopped = true;
        long timer = pollTimer;
        if (timer >= 0) vertx.cancelTimer(timer);
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
        return new LiveExecution(linkId, execId(f), f.units().abs(), f.price(), BigDecimal.ZERO, f.commission().subtract(f.financing()),
                f.timeMs());
    }

    private String execId(OandaFill f) {
        return "oanda-" + rest.accountId() + "-" + f.transactionId();
    }

    // ---- closes the bot did not send ----

    /** Starts reading the transactions after {@code summaryLastId}, unless already reading (then it goes on where it is). */
    private void watchTransactions(long summaryLastId) {
        context.runOnContext(v -> {
            if (watching || stopped) return;
            watching = true;
            Future<Optional<String>> saved = lastSeen >= 0 || cursor.isEmpty() ? Future.succeededFuture(Optional.empty())
                    : cursor.get().load().otherwise(e -> {
                        LOG.severe(NAME + ": the saved transaction position did not read (" + e.getMessage() + "); reading from the"
                                + " account's latest, " + summaryLastId + ": closes made while the bot was down are not found");
                        return Optional.empty();
                    });
            saved.onComplete(ar -> {
                if (stopped) return;
                if (lastSeen < 0) {
                    Optional<Long> resume = ar.result().flatMap(OandaVenue::transactionId);
                    lastSeen = resume.filter(r -> r <= summaryLastId).orElse(summaryLastId);
                    if (resume.isPresent() && resume.get() < summaryLastId) {
                        LOG.info(NAME + ": reading on from transaction " + resume.get() + ", where the last run stopped ("
                                + (summaryLastId - resume.get()) + " transaction(s) since)");
                    }
                }
                LOG.info(NAME + ": reading transactions after " + lastSeen + " every " + pollMs + " ms for closes the bot did not send");
                schedulePoll();
            });
        });
    }

    private static Optional<Long> transactionId(String saved) {
        try {
            return Optional.of(Long.parseLong(saved));
        } catch (NumberFormatException e) {
            LOG.severe(NAME + ": the saved transaction position '" + saved + "' is not a transaction id; reading from the account's latest");
            return Optional.empty();
        }
    }

    private void schedulePoll() {
        if (stopped) return;
        pollTimer = vertx.setTimer(pollMs, id -> poll());
    }

    /** One read; the next is scheduled only when it has ended, so reads never overlap. */
    private void poll() {
        if (stopped) return;
        if (rest.credentialsRejected()) {
            // Final: the client sends nothing more with this token, and the venue already said it is not ready.
            watching = false;
            LOG.warning(NAME + ": transactions are no longer read after " + lastSeen + ": " + TOKEN_REJECTED);
            return;
        }
        long from = lastSeen;
        Future<OandaWire.TransactionPage> read;
        try {
            read = rest.transactionsSince(from);
        } catch (RuntimeException e) {
            // Never expected (from >= 0), but a throw here must not end the reading for good.
            read = Future.failedFuture(e);
        }
        watched(read).onComplete(ar -> {
            if (stopped) return;
            if (ar.succeeded()) {
                pageRead(from, ar.result());
            } else {
                pollFailed(from, ar.cause());
            }
            schedulePoll();
        });
    }

    /** Processes a page whole, then moves {@code lastSeen} to its newest id. */
    private void pageRead(long from, OandaWire.TransactionPage page) {
        long newest = from;
        for (OandaTransaction t : page.transactions()) {
            // OANDA answers with what comes after the id; anything at or before it was read already.
            if (t.id() <= from) continue;
            newest = Math.max(newest, t.id());
            if (t instanceof OandaTransaction.Fill f) {
                reportClose(f);
            } else if (t instanceof OandaTransaction.Financing fin) {
                reportFinancing(fin);
            } else if (t instanceof OandaTransaction.Unreadable u) {
                LOG.severe(NAME + ": transaction " + u.id() + (u.type().isEmpty() ? "" : " (" + u.type() + ")")
                        + " does not read and is passed over; if it closed a position, reconcile it by hand: " + u.problem());
            }
        }
        if (failedPolls > 0) {
            LOG.info(NAME + ": transactions read again after " + failedPolls + " failed read(s)");
            failedPolls = 0;
        }
        // The newest id read, not the page's lastTransactionID: should OANDA cap a page, the rest is asked next time.
        boolean moved = newest > lastSeen;
        lastSeen = newest;
        if (moved) {
            long saved = newest;
            cursor.ifPresent(c -> c.save(Long.toString(saved)).onFailure(e -> LOG.warning(NAME
                    + ": transaction position " + saved + " not saved (the next page saves a newer one): " + e.getMessage())));
        }
    }

    private void pollFailed(long from, Throwable cause) {
        failedPolls++;
        if (failedPolls == 1) {
            LOG.warning(NAME + ": reading transactions after " + from + " failed; asked again every " + pollMs
                    + " ms (said once until it works): " + cause.getMessage());
        }
    }

    /** Daily financing, as a funding fee per instrument (fee = −financing: a charge is paid). */
    private void reportFinancing(OandaTransaction.Financing fin) {
        if (!remember(fin.id())) return;
        fin.byInstrument().forEach((instrument, amount) -> {
            if (amount.signum() == 0) return;
            deliver(new LiveVenue.FundingFee(instrument, amount.negate(), fin.timeMs(),
                    "oanda-" + rest.accountId() + "-" + fin.id() + "-" + instrument));
        });
    }

    /** A fill not of our own orders, as the close it made (see the class comment for the rule). */
    private void reportClose(OandaTransaction.Fill f) {
        OandaFill x = f.fill();
        if (!x.clientOrderId().isEmpty() && CLIENT_ORDER_FILL_REASONS.contains(f.reason())) return;
        if (f.openedUnits().signum() > 0) {
            LOG.warning(NAME + ": fill " + x.transactionId() + " (" + f.reason() + ", order " + x.orderId() + ") opened "
                    + f.openedUnits().toPlainString() + " " + x.instrument() + " the bot did not ask for; the opened part is not"
                    + " reported" + (f.closedUnits().signum() > 0 ? ", the " + f.closedUnits().toPlainString() + " it closed is" : ""));
        }
        if (f.closedUnits().signum() == 0) return;
        if (!remember(f.id())) return;
        ClosedAtVenue c = new ClosedAtVenue(x.instrument(), x.units().signum() < 0 ? Side.SELL : Side.BUY, f.closedUnits(), x.price(),
                x.commission().add(f.guaranteedExecutionFee()).subtract(x.financing()), x.timeMs(), execId(x), f.reason());
        LOG.info(NAME + ": " + c.reason() + " closed " + c.qty().toPlainString() + " " + c.symbol() + " at " + c.price().toPlainString()
                + " (transaction " + x.transactionId() + ")");
        deliver(c);
    }

    /** False if {@code id} was emitted already; otherwise remembers it, forgetting the oldest past the limit. */
    private boolean remember(long id) {
        if (!emitted.add(id)) return false;
        if (emitted.size() > EMITTED_MEMORY) {
            Iterator<Long> oldest = emitted.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
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
