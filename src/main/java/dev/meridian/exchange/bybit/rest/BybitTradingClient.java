package dev.meridian.exchange.bybit.rest;

import dev.meridian.exchange.JsonFields;

import dev.meridian.config.Secret;
import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.OrderType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Bybit V5 private REST: place, look up and cancel orders, read executions, wallet and fee rates,
 * signed with {@link BybitSigner}. Non-blocking: every call returns a {@link Future} and waits only
 * on Vert.x timers.
 *
 * <p><b>Contract.</b> Decimals are exact {@link BigDecimal}s parsed from Bybit's strings. Every
 * signed timestamp is {@code clock + offset}, where {@link #syncTime()} keeps the offset (server
 * minus local time). A future fails only for what the caller cannot act on as a business result: a
 * malformed body ({@link BybitResponseException}), an unexpected HTTP status
 * ({@link BybitHttpException}), retries exhausted ({@link BybitRetriesExhaustedException}), a
 * refusal of a read ({@link BybitApiException}), or a halted client
 * ({@link BybitTradingUnavailableException}). {@link #place} turns refusals and halts into a
 * {@link PlaceResult} instead. Neither the secret nor a signature is ever logged or put in a
 * message.
 *
 * <p><b>Idempotency of {@link #place}.</b> Every attempt of one call sends the same body (same
 * {@code orderLinkId}), only re-timestamped and re-signed. An ambiguous attempt (the order may or
 * may not have reached the book) is never resent blind: after a backoff the order is looked up by
 * {@code orderLinkId} and, if found, the answer is {@link PlaceResult.AlreadyPlaced}. Should the
 * lookup miss an order Bybit has not indexed yet, the resend carries the same {@code orderLinkId}
 * and Bybit answers with a duplicate code, which again means {@code AlreadyPlaced}. If the lookup
 * itself fails the state is unknown and the future fails rather than guess.
 *
 * <p><b>retCode and HTTP policy.</b> "Attempt budget" is {@link BybitRestSettings#maxAttempts()}
 * requests per call, shared by every kind of resend; "backoff" is {@code backoffBase} doubled per
 * attempt up to {@code backoffMax}.
 * <table>
 *   <caption>What each answer does</caption>
 *   <tr><th>answer</th><th>meaning</th><th>{@code place}</th><th>reads, {@code cancel}</th></tr>
 *   <tr><td>0</td><td>OK</td><td>{@code Placed(orderId)}</td><td>the parsed result</td></tr>
 *   <tr><td>10002</td><td>timestamp outside {@code recvWindow}</td>
 *       <td colspan="2">refused before execution, so: {@link #syncTime()}, then resend (budget permitting)</td></tr>
 *   <tr><td>10006</td><td>per-UID rate limit</td>
 *       <td colspan="2">refused before execution, so: wait on a timer until {@code X-Bapi-Limit-Reset-Timestamp}
 *       (or one backoff without it), then resend (budget permitting)</td></tr>
 *   <tr><td>10003, 10004, 10005, 10010, HTTP 401</td><td>key invalid or wrong host, bad signature,
 *       permission denied, IP not bound, auth headers refused</td>
 *       <td>client disabled: {@code Disabled(reason)}, now and for every later call</td>
 *       <td>client disabled: fail with {@code BybitTradingUnavailableException}</td></tr>
 *   <tr><td>HTTP 403</td><td>IP rate limit ban (or region block)</td>
 *       <td>all requests stop for {@value #LOCKOUT_MS} ms: {@code LockedOut(until)}</td>
 *       <td>the same lockout: fail with {@code BybitTradingUnavailableException}</td></tr>
 *   <tr><td>timeout, connection error, HTTP 429, HTTP 5xx, 10016, 10014</td>
 *       <td>ambiguous: the request may have been executed</td>
 *       <td>backoff, look up by {@code orderLinkId}: found means {@code AlreadyPlaced}, else resend the same
 *       body; one last lookup when the budget runs out, then fail with {@code BybitRetriesExhaustedException}</td>
 *       <td>backoff and resend (reads and a cancel are idempotent)</td></tr>
 *   <tr><td>110072 (derivatives), 170141 (spot)</td><td>duplicate {@code orderLinkId}</td>
 *       <td>{@code AlreadyPlaced}, orderId from a lookup when it succeeds</td><td>n/a</td></tr>
 *   <tr><td>110001 (derivatives), 170213 (spot)</td><td>order does not exist</td>
 *       <td>{@code Rejected}</td><td>{@code cancel}: success (already final or never placed); others fail</td></tr>
 *   <tr><td>{@link #FINAL_REJECTIONS} (10001, 110007, 170131, 170136, 170140, ...) and any other code</td>
 *       <td>final business error</td><td>{@code Rejected(retCode, retMsg)}, not resent</td>
 *       <td>fail with {@code BybitApiException}, not resent</td></tr>
 *   <tr><td>any other HTTP status</td><td>not Bybit's envelope</td>
 *       <td colspan="2">fail with {@code BybitHttpException}, not resent</td></tr>
 * </table>
 *
 * When the attempt budget is spent, a 10002 or 10006 refusal stands: {@code Rejected} for
 * {@code place}, {@code BybitApiException} for the rest. Nothing was executed in either case.
 *
 * <p><b>Rate limiting.</b> Each response's {@code X-Bapi-Limit-Status} (requests left) and
 * {@code X-Bapi-Limit-Reset-Timestamp} (server ms) are kept per endpoint and category (Bybit counts
 * them so). While the last known count is 0 and the reset lies ahead, further calls to that endpoint
 * wait on a timer until the reset, but never longer than {@code backoffMax}: a skewed clock or a far
 * reset then costs at most one 10006, which is handled as above. The count is only as fresh as the
 * last response, so concurrent callers can still overrun it; 10006 is the backstop.
 *
 * <p><b>Invariants.</b> Once disabled, the client sends nothing ever again. While locked out
 * ({@code clock < until}), it sends nothing at all, not even {@link #syncTime()}.
 */
public final class BybitTradingClient {
    private static final System.Logger LOG = System.getLogger(BybitTradingClient.class.getName());

    static final String TIME = "/v5/market/time";
    static final String CREATE = "/v5/order/create";
    static final String REALTIME = "/v5/order/realtime";
    static final String CANCEL = "/v5/order/cancel";
    static final String EXECUTIONS = "/v5/execution/list";
    static final String WALLET = "/v5/account/wallet-balance";
    static final String FEE_RATE = "/v5/account/fee-rate";
    static final String SWITCH_MODE = "/v5/position/switch-mode";
    static final String SET_MARGIN_MODE = "/v5/account/set-margin-mode";
    static final String SET_LEVERAGE = "/v5/position/set-leverage";
    static final String POSITIONS = "/v5/position/list";
    static final String LIMIT_STATUS_HEADER = "X-Bapi-Limit-Status";
    static final String LIMIT_RESET_HEADER = "X-Bapi-Limit-Reset-Timestamp";

    /** Bybit asks for at least 10 minutes of silence after an HTTP 403. */
    public static final long LOCKOUT_MS = 10 * 60 * 1000L;
    /** Bybit's documented default receive window. */
    public static final long DEFAULT_RECV_WINDOW_MS = 5000;

    static final int RET_TIMESTAMP = 10002;
    static final int RET_RATE_LIMIT = 10006;
    static final int RET_SERVER_ERROR = 10016;
    static final int RET_INVALID_DUPLICATE = 10014;
    /** Authentication is broken; resending with the same key cannot help. */
    static final Set<Integer> AUTH_FAILURES = Set.of(10003, 10004, 10005, 10010);
    /** An order with this orderLinkId already exists: 110072 for derivatives, 170141 for spot. */
    static final Set<Integer> DUPLICATE_LINK_ID = Set.of(110072, 170141);
    /** The order is unknown: 110001 for derivatives, 170213 for spot. */
    static final Set<Integer> ORDER_NOT_FOUND = Set.of(110001, 170213);
    /** "Position mode not modified": the symbol already is in the mode asked for. */
    static final int RET_POSITION_MODE_NOT_MODIFIED = 110025;
    /** "Cross/isolated margin mode is not modified": already in the margin mode asked for. */
    static final int RET_MARGIN_MODE_NOT_MODIFIED = 110026;
    /** "Set leverage not modified": the position already runs at that leverage (observed live). */
    static final int RET_LEVERAGE_NOT_MODIFIED = 110043;
    /**
     * Final business refusals from Bybit's error table: resending the same order fails the same way.
     * Codes not listed are treated alike (and logged as unexpected), since a blind resend of an
     * unknown refusal only burns rate limit.
     */
    public static final Map<Integer, String> FINAL_REJECTIONS = Map.ofEntries(
            Map.entry(10001, "request parameter error"),
            Map.entry(10017, "route not found"),
            Map.entry(10027, "transactions banned"),
            Map.entry(10029, "symbol not in whitelist"),
            Map.entry(110001, "order does not exist"),
            Map.entry(110003, "price out of range"),
            Map.entry(110004, "wallet balance insufficient"),
            Map.entry(110007, "available balance insufficient"),
            Map.entry(110012, "insufficient available balance"),
            Map.entry(110017, "qty truncated to zero / reduce-only rule not satisfied"),
            Map.entry(110020, "more than 500 active orders"),
            Map.entry(110094, "order notional below the lower limit"),
            Map.entry(170131, "balance insufficient"),
            Map.entry(170134, "order price decimal too long"),
            Map.entry(170136, "order quantity lower than the minimum"),
            Map.entry(170137, "order volume decimal too long"),
            Map.entry(170140, "order value below the lower limit"),
            Map.entry(170148, "market order amount decimal too long"),
            Map.entry(170193, "buy price above the limit"),
            Map.entry(170194, "sell price below the limit"),
            Map.entry(170213, "order does not exist"),
            Map.entry(170810, "more than 500 orders"));

    private static final int REALTIME_PAGE = 50;
    private static final int EXECUTION_PAGE = 100;
    /** Guards the cursor loops against a server that keeps answering with a cursor. */
    private static final int MAX_PAGES = 100;

    /**
     * What the client may do now. {@code reason} is empty while ACTIVE; {@code untilMs} (local clock,
     * epoch ms) is set only while LOCKED_OUT. DISABLED wins over LOCKED_OUT, being permanent.
     */
    public record Status(State state, String reason, long untilMs) {
        public enum State { ACTIVE, DISABLED, LOCKED_OUT }

        public Status {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean active() {
            return state == State.ACTIVE;
        }
    }

    private final Vertx vertx;
    private final WebClient client;
    private final BybitRestSettings settings;
    private final String apiKey;
    private final Secret secret;
    private final long recvWindowMs;
    private final LongSupplier clock;
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private volatile long offsetMs;
    private volatile String disabledReason;
    private volatile long lockedUntilMs = Long.MIN_VALUE;

    /** Production defaults ({@link BybitRestSettings#defaults}, 5 s receive window, system clock). */
    public BybitTradingClient(Vertx vertx, URI baseUrl, String apiKey, Secret secret) {
        this(vertx, BybitRestSettings.defaults(baseUrl), apiKey, secret, DEFAULT_RECV_WINDOW_MS, System::currentTimeMillis);
    }

    /**
     * @param recvWindowMs how stale a signed request may arrive; Bybit refuses older ones with 10002
     * @param clockMs      local wall clock, epoch ms; the server offset is added to it for timestamps,
     *                     and the 403 lockout is measured on it
     */
    public BybitTradingClient(Vertx vertx, BybitRestSettings settings, String apiKey, Secret secret, long recvWindowMs,
                              LongSupplier clockMs) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clockMs, "clockMs");
        if (apiKey.isBlank()) throw new IllegalArgumentException("apiKey must not be blank");
        if (recvWindowMs <= 0) throw new IllegalArgumentException("recvWindowMs must be > 0, got " + recvWindowMs);
        this.recvWindowMs = recvWindowMs;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("meridian")
                .setConnectTimeout(Math.toIntExact(settings.requestTimeout().toMillis())));
    }

    /** What the client may do now; see {@link Status}. */
    public Status status() {
        String disabled = disabledReason;
        if (disabled != null) return new Status(Status.State.DISABLED, disabled, 0);
        long until = lockedUntilMs;
        if (clock.getAsLong() < until) {
            return new Status(Status.State.LOCKED_OUT, "HTTP 403 from Bybit: IP rate limit or region block", until);
        }
        return new Status(Status.State.ACTIVE, "", 0);
    }

    /** The current server-minus-local offset in ms that signed timestamps use. */
    public long offsetMs() {
        return offsetMs;
    }

    /**
     * Measures the offset (server minus local time, ms) with {@code GET /v5/market/time}, keeps it
     * for every later signed timestamp and returns it. The server time is compared with the middle of
     * the round trip, so a symmetric network delay cancels out.
     */
    public Future<Long> syncTime() {
        Call call = Call.get(TIME, "", false, TIME);
        long sentAt = clock.getAsLong();
        return read(call, env -> {
            long receivedAt = clock.getAsLong();
            String nano = JsonFields.optText(env.result(), "timeNano", "result");
            long serverMs = nano != null ? JsonFields.integer(nano, "result.timeNano") / 1_000_000
                    : JsonFields.integer(env.result(), "timeSecond", "result") * 1000;
            return serverMs - (sentAt + receivedAt) / 2;
        }).map(offset -> {
            offsetMs = offset;
            LOG.log(System.Logger.Level.INFO, () -> "Bybit clock offset " + offset + " ms");
            return offset;
        });
    }

    /**
     * Places {@code r} once, idempotently (see the class comment). qty is rounded down to
     * {@code filters.basePrecision()}, a limit price to {@code filters.tickSize()} on the passive side;
     * an order that then breaks {@code minOrderQty} or {@code minOrderAmt} (value at the limit price,
     * or at {@code refPrice} for a market order) is not sent: {@link PlaceResult.Skipped}.
     *
     * <p>Body: {@code category, symbol, side (Buy|Sell), orderType (Market|Limit), qty, price (limit
     * only), timeInForce (PostOnly for post-only, IOC for market and for an {@link OrderRequest#ioc()} limit,
     * GTC for other limits),
     * orderLinkId}, {@code marketUnit=baseCoin} on spot market orders (qty is in base units, and a spot
     * market BUY would otherwise be read as quote value), {@code reduceOnly=true} when set on
     * non-spot orders. Spot has no reduce-only: without leverage a spot SELL can only sell what is
     * held, so the flag is not sent there.
     */
    public Future<PlaceResult> place(OrderRequest r, Filters filters) {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(filters, "filters");
        BigDecimal qty = filters.roundQty(r.qty());
        Optional<BigDecimal> price = r.limitPrice().map(p -> filters.roundPrice(p, r.side()));
        Optional<String> tooSmall = filters.rejectReason(qty, price.orElse(r.refPrice()));
        if (tooSmall.isPresent()) {
            LOG.log(System.Logger.Level.INFO, () -> "not sending " + r.orderLinkId() + ": " + tooSmall.get());
            return Future.succeededFuture(new PlaceResult.Skipped(tooSmall.get()));
        }
        Status s = status();
        if (!s.active()) return Future.succeededFuture(halted(s));

        JsonObject body = new JsonObject(new LinkedHashMap<>())
                .put("category", r.category().wire())
                .put("symbol", r.symbol())
                .put("side", r.side() == Side.BUY ? "Buy" : "Sell")
                .put("orderType", r.type() == OrderType.MARKET ? "Market" : "Limit")
                .put("qty", qty.toPlainString());
        price.ifPresent(p -> body.put("price", p.toPlainString()));
        body.put("timeInForce", r.type() == OrderType.MARKET || r.ioc() ? "IOC" : r.postOnly() ? "PostOnly" : "GTC");
        body.put("orderLinkId", r.orderLinkId());
        if (r.category() == Category.SPOT && r.type() == OrderType.MARKET) body.put("marketUnit", "baseCoin");
        if (r.reduceOnly() && r.category() != Category.SPOT) body.put("reduceOnly", true);
        Call call = Call.post(CREATE, body.encode(), CREATE + ":" + r.category().wire());
        return placeAttempt(r, call, new Budget());
    }

    private Future<PlaceResult> placeAttempt(OrderRequest r, Call call, Budget budget) {
        return send(call, budget).compose(reply -> {
            if (reply instanceof Ok ok) {
                return parsed(call, () -> (PlaceResult) new PlaceResult.Placed(JsonFields.text(ok.env().result(), "orderId", "result")));
            }
            if (reply instanceof Halted h) return Future.succeededFuture(halted(h.status()));
            if (reply instanceof Refused ref) {
                BybitApiException e = ref.error();
                if (DUPLICATE_LINK_ID.contains(e.retCode())) {
                    LOG.log(System.Logger.Level.INFO, () -> r.orderLinkId() + " already at Bybit: " + e.detail());
                    return orderByLinkId(r.category(), r.symbol(), r.orderLinkId())
                            .map(o -> (PlaceResult) new PlaceResult.AlreadyPlaced(o.map(BybitOrder::orderId)))
                            .otherwise(new PlaceResult.AlreadyPlaced(Optional.empty()));
                }
                if (!FINAL_REJECTIONS.containsKey(e.retCode())) {
                    LOG.log(System.Logger.Level.WARNING, () -> "unlisted retCode, treated as final: " + e.getMessage());
                }
                return Future.succeededFuture(new PlaceResult.Rejected(e.retCode(), e.retMsg()));
            }
            Ambiguous a = (Ambiguous) reply;
            long delay = backoff(budget.sent);
            LOG.log(System.Logger.Level.WARNING, () -> a.error().getMessage() + "; looking up " + r.orderLinkId()
                    + " in " + delay + " ms before any resend");
            return vertx.timer(delay, TimeUnit.MILLISECONDS)
                    .compose(t -> orderByLinkId(r.category(), r.symbol(), r.orderLinkId()))
                    .transform(ar -> {
                        if (ar.failed()) {
                            if (ar.cause() instanceof BybitTradingUnavailableException u) {
                                return Future.succeededFuture(halted(u.status()));
                            }
                            return Future.failedFuture(new BybitRestException(call.describe(), "order state unknown:"
                                    + " the lookup after an ambiguous attempt failed (" + a.error().detail() + ")", ar.cause()));
                        }
                        if (ar.result().isPresent()) {
                            return Future.succeededFuture(new PlaceResult.AlreadyPlaced(Optional.of(ar.result().get().orderId())));
                        }
                        if (budget.sent >= settings.maxAttempts()) {
                            return Future.failedFuture(new BybitRetriesExhaustedException(call.describe(), budget.sent, a.error()));
                        }
                        return placeAttempt(r, call, budget);
                    });
        });
    }

    /** {@link #orderByLinkId(Category, String, String)} without a symbol; Bybit wants one for linear. */
    public Future<Optional<BybitOrder>> orderByLinkId(Category category, String orderLinkId) {
        return orderByLinkId(category, null, orderLinkId);
    }

    /**
     * The order with {@code orderLinkId}, open or recently closed (Bybit ignores {@code openOnly}
     * when querying by id), or empty when Bybit knows none. {@code symbol} may be null.
     */
    public Future<Optional<BybitOrder>> orderByLinkId(Category category, String symbol, String orderLinkId) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        Query q = new Query().add("category", category.wire());
        if (symbol != null) q.add("symbol", symbol);
        q.add("orderLinkId", orderLinkId);
        Call call = Call.get(REALTIME, q.toString(), true, REALTIME + ":" + category.wire());
        return read(call, env -> {
            JsonArray list = JsonFields.array(env.result(), "list", "result");
            for (int i = 0; i < list.size(); i++) {
                BybitOrder o = order(JsonFields.objectAt(list, i, "result.list"), JsonFields.at("result.list", i));
                if (o.orderLinkId().equals(orderLinkId)) return Optional.of(o);
            }
            return Optional.empty();
        });
    }

    /**
     * Every open order of {@code category}, following {@code nextPageCursor}. Linear is asked with
     * {@code settleCoin=USDT}, since Bybit requires a symbol or coin there and we trade USDT perps.
     */
    public Future<List<BybitOrder>> openOrders(Category category) {
        Objects.requireNonNull(category, "category");
        return pages(REALTIME, category, cursor -> {
            Query q = new Query().add("category", category.wire());
            if (category == Category.LINEAR) q.add("settleCoin", "USDT");
            q.add("limit", Integer.toString(REALTIME_PAGE));
            if (cursor != null) q.add("cursor", cursor);
            return q;
        }, (o, path) -> Optional.of(order(o, path)));
    }

    /**
     * Cancels the order {@code orderLinkId}. An order Bybit does not know or no longer lets cancel
     * (retCode 110001 derivatives, 170213 spot: already filled, cancelled or never placed) is not an
     * error: the wish "this order must not rest" holds either way. Success is Bybit's async ack.
     */
    public Future<Void> cancel(Category category, String symbol, String orderLinkId) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        JsonObject body = new JsonObject(new LinkedHashMap<>())
                .put("category", category.wire()).put("symbol", symbol).put("orderLinkId", orderLinkId);
        Call call = Call.post(CANCEL, body.encode(), CANCEL + ":" + category.wire());
        return this.<Void>read(call, env -> null).recover(e -> {
            if (e instanceof BybitApiException api && ORDER_NOT_FOUND.contains(api.retCode())) {
                LOG.log(System.Logger.Level.INFO, () -> "cancel of " + orderLinkId + ": nothing to cancel (" + api.detail() + ")");
                return Future.succeededFuture();
            }
            return Future.failedFuture(e);
        });
    }

    /**
     * Trades of {@code category} executed at or after {@code startTimeMs} (Bybit serves at most 7
     * days from there), oldest first. Only {@code execType=Trade} becomes an {@link Execution}; the
     * rest (Funding, AdlTrade, BustTrade, Delivery, Settle, ...) are skipped and logged, as they are
     * not fills of our orders: funding belongs to the PnL ledger and forced trades are caught by
     * position reconciliation. A fee Bybit took in the base coin (spot buys: {@code feeCurrency} is
     * the symbol's base) is {@code feeInBase}, not converted: the holding is smaller by it.
     * An execution of an order placed without a link id has {@code orderLinkId} {@code ""}.
     */
    public Future<List<Execution>> executions(Category category, long startTimeMs) {
        Objects.requireNonNull(category, "category");
        return pages(EXECUTIONS, category, cursor -> {
            Query q = new Query().add("category", category.wire()).add("startTime", Long.toString(startTimeMs))
                    .add("limit", Integer.toString(EXECUTION_PAGE));
            if (cursor != null) q.add("cursor", cursor);
            return q;
        }, (o, path) -> execution(o, path, category)).map(list -> {
            List<Execution> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingLong(Execution::timeMs).thenComparing(Execution::execId));
            return List.copyOf(sorted);
        });
    }

    /** The unified account's total equity and per-coin balances ({@code accountType=UNIFIED}). */
    public Future<WalletBalance> walletBalance() {
        Call call = Call.get(WALLET, "accountType=UNIFIED", true, WALLET);
        return read(call, env -> {
            JsonArray list = JsonFields.array(env.result(), "list", "result");
            if (list.isEmpty()) throw new JsonFields.Malformed("result.list", "is empty");
            JsonObject acct = JsonFields.objectAt(list, 0, "result.list");
            String path = "result.list[0]";
            Map<String, WalletBalance.Coin> coins = new LinkedHashMap<>();
            JsonArray coinList = acct.getValue("coin") == null ? new JsonArray() : JsonFields.array(acct, "coin", path);
            for (int i = 0; i < coinList.size(); i++) {
                String cp = JsonFields.at(JsonFields.at(path, "coin"), i);
                JsonObject c = JsonFields.objectAt(coinList, i, JsonFields.at(path, "coin"));
                String coin = JsonFields.text(c, "coin", cp);
                coins.put(coin, new WalletBalance.Coin(coin, orZero(JsonFields.optDecimal(c, "walletBalance", cp)),
                        orZero(JsonFields.optDecimal(c, "equity", cp)), orZero(JsonFields.optDecimal(c, "locked", cp))));
            }
            return new WalletBalance(JsonFields.decimal(acct, "totalEquity", path), coins);
        });
    }

    /** The account's maker and taker fee rates on {@code symbol}. */
    public Future<FeeRate> feeRate(Category category, String symbol) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        Query q = new Query().add("category", category.wire()).add("symbol", symbol);
        Call call = Call.get(FEE_RATE, q.toString(), true, FEE_RATE);
        return read(call, env -> {
            JsonArray list = JsonFields.array(env.result(), "list", "result");
            for (int i = 0; i < list.size(); i++) {
                String p = JsonFields.at("result.list", i);
                JsonObject o = JsonFields.objectAt(list, i, "result.list");
                if (symbol.equals(JsonFields.optText(o, "symbol", p))) {
                    return new FeeRate(symbol, JsonFields.decimal(o, "makerFeeRate", p), JsonFields.decimal(o, "takerFeeRate", p));
                }
            }
            throw new JsonFields.Malformed("result.list", "has no entry for " + symbol);
        });
    }

    // ---- position settings (derivatives) ----
    //
    // These calls set an absolute state ("one-way", "isolated", "leverage 5"), so sending one twice
    // does no harm: they take the read path, whose ambiguous failures are resent. Bybit refuses a
    // setting that is already in place with a "not modified" retCode; the wish holds, so that is a
    // success, logged at INFO.

    /**
     * Puts {@code symbol} in one-way mode ({@code POST /v5/position/switch-mode}, {@code mode=0}:
     * one net position per symbol, orders with {@code positionIdx} 0, which is what {@link #place}
     * sends by leaving it out). Asked per symbol rather than per settle coin, since a coin-wide
     * switch silently skips every symbol with a position or an order. retCode 110025 "Position mode
     * not modified" is success; 110024/110028 (a position or open orders in the way) fail with
     * {@link BybitApiException}.
     */
    public Future<Void> switchToOneWay(Category category, String symbol) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        JsonObject body = new JsonObject(new LinkedHashMap<>())
                .put("category", category.wire()).put("symbol", symbol).put("mode", 0);
        return setting(Call.post(SWITCH_MODE, body.encode(), SWITCH_MODE + ":" + category.wire()),
                Set.of(RET_POSITION_MODE_NOT_MODIFIED), symbol + " already in one-way mode");
    }

    /**
     * Sets the unified account's margin mode to isolated ({@code POST /v5/account/set-margin-mode},
     * {@code setMarginMode=ISOLATED_MARGIN}).
     *
     * <p>Why not {@code POST /v5/position/switch-isolated}: Bybit's V5 docs file that per-symbol
     * endpoint under "abandoned" endpoints, and on a unified trading account (UTA) the margin mode
     * is an account setting ("the selected margin mode will apply to your entire account", Bybit's
     * UTA margin-mode help page) set with this endpoint. Consequences the caller must accept: every
     * derivatives position of the account becomes isolated, and Bybit supports neither spot margin
     * nor options trading in isolated margin mode (plain spot still trades).
     *
     * <p>Success is retCode 0 with an empty {@code result.reasons}; a non-empty list (Bybit's
     * refusal carries it, usually with retCode 3400045 "Set margin mode failed") fails with the
     * reasons. The docs name no "not modified" code for this endpoint; 110026 ("cross/isolated
     * margin mode is not modified", the abandoned endpoint's) is accepted as success in case Bybit
     * answers a repeat with it.
     */
    public Future<Void> setIsolatedMargin() {
        JsonObject body = new JsonObject().put("setMarginMode", "ISOLATED_MARGIN");
        Call call = Call.post(SET_MARGIN_MODE, body.encode(), SET_MARGIN_MODE);
        return this.<String>read(call, env -> {
            Object reasons = env.result().getValue("reasons");
            if (reasons instanceof JsonArray a && !a.isEmpty()) return a.encode();
            return null;
        }).recover(e -> e instanceof BybitApiException api && api.retCode() == RET_MARGIN_MODE_NOT_MODIFIED
                ? Future.succeededFuture(null) : Future.failedFuture(e)).compose(refusal -> {
            if (refusal != null) {
                return Future.failedFuture(new BybitRestException(call.describe(), "margin mode not set: " + refusal, null));
            }
            LOG.log(System.Logger.Level.INFO, "account margin mode: ISOLATED_MARGIN");
            return Future.succeededFuture();
        });
    }

    /**
     * Sets {@code symbol}'s leverage ({@code POST /v5/position/set-leverage}) with
     * {@code buyLeverage = sellLeverage = leverage} as plain strings, as one-way mode requires them
     * equal. The caller fits {@code leverage} to the instrument's {@link LeverageFilter} first.
     * retCode 110043 "Set leverage not modified" is success; any other refusal (e.g. 110013, the
     * risk limit forbids it) fails with {@link BybitApiException}.
     */
    public Future<Void> setLeverage(Category category, String symbol, BigDecimal leverage) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        if (leverage.signum() <= 0) throw new IllegalArgumentException("leverage must be > 0, got " + leverage);
        String lev = leverage.toPlainString();
        JsonObject body = new JsonObject(new LinkedHashMap<>())
                .put("category", category.wire()).put("symbol", symbol).put("buyLeverage", lev).put("sellLeverage", lev);
        return setting(Call.post(SET_LEVERAGE, body.encode(), SET_LEVERAGE + ":" + category.wire()),
                Set.of(RET_LEVERAGE_NOT_MODIFIED), symbol + " leverage already " + lev);
    }

    /**
     * The positions of {@code symbol} ({@code GET /v5/position/list?category=...&symbol=...}):
     * one entry in one-way mode, flat or not; two in hedge mode. Bybit requires a symbol or a settle
     * coin for linear, so the symbol is mandatory here.
     */
    public Future<List<BybitPosition>> positions(Category category, String symbol) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        return pages(POSITIONS, category, cursor -> {
            Query q = new Query().add("category", category.wire()).add("symbol", symbol);
            if (cursor != null) q.add("cursor", cursor);
            return q;
        }, (o, path) -> Optional.of(position(o, path)));
    }

    private Future<Void> setting(Call call, Set<Integer> notModified, String already) {
        return this.<Void>read(call, env -> null).recover(e -> {
            if (e instanceof BybitApiException api && notModified.contains(api.retCode())) {
                LOG.log(System.Logger.Level.INFO, () -> already + " (" + api.detail() + ")");
                return Future.succeededFuture();
            }
            return Future.failedFuture(e);
        });
    }

    /** Closes the HTTP client; pending futures fail. */
    public void close() {
        client.close();
    }

    // ---- parsing ----

    /**
     * Bybit's orderStatus, folded: New, Untriggered (a conditional order waiting) and Triggered (a
     * conditional order turning into a live one) are NEW; PartiallyFilled is PARTIALLY_FILLED;
     * Filled is FILLED; Cancelled, PartiallyFilledCanceled (spot) and Deactivated (a conditional
     * order cancelled before triggering) are CANCELLED; Rejected is REJECTED. Anything else fails
     * the parse rather than be guessed.
     */
    static OrderStatus orderStatus(String bybit, String field) {
        return switch (bybit) {
            case "New", "Untriggered", "Triggered" -> OrderStatus.NEW;
            case "PartiallyFilled" -> OrderStatus.PARTIALLY_FILLED;
            case "Filled" -> OrderStatus.FILLED;
            case "Cancelled", "PartiallyFilledCanceled", "Deactivated" -> OrderStatus.CANCELLED;
            case "Rejected" -> OrderStatus.REJECTED;
            default -> throw new JsonFields.Malformed(field, "is not a known orderStatus: \"" + bybit + "\"");
        };
    }

    private static BybitOrder order(JsonObject o, String path) {
        String raw = JsonFields.text(o, "orderStatus", path);
        return new BybitOrder(JsonFields.text(o, "orderId", path), orEmpty(JsonFields.optText(o, "orderLinkId", path)),
                JsonFields.text(o, "symbol", path), side(o, path), orderStatus(raw, JsonFields.at(path, "orderStatus")), raw,
                JsonFields.decimal(o, "qty", path), orZero(JsonFields.optDecimal(o, "cumExecQty", path)),
                orZero(JsonFields.optDecimal(o, "avgPrice", path)), orZero(JsonFields.optDecimal(o, "cumExecFee", path)));
    }

    private static Optional<Execution> execution(JsonObject o, String path, Category category) {
        String type = JsonFields.text(o, "execType", path);
        String execId = JsonFields.text(o, "execId", path);
        if (!"Trade".equals(type)) {
            LOG.log(System.Logger.Level.INFO, () -> "skipping execution " + execId + " of type " + type);
            return Optional.empty();
        }
        String symbol = JsonFields.text(o, "symbol", path);
        BigDecimal price = JsonFields.decimal(o, "execPrice", path);
        BigDecimal[] fee = Execution.splitFee(symbol, orZero(JsonFields.optDecimal(o, "execFee", path)),
                JsonFields.optText(o, "feeCurrency", path));
        Object maker = o.getValue("isMaker");
        if (!(maker instanceof Boolean)) throw new JsonFields.Malformed(JsonFields.at(path, "isMaker"), "is not a boolean");
        try {
            return Optional.of(new Execution(orEmpty(JsonFields.optText(o, "orderLinkId", path)), execId, symbol,
                    JsonFields.decimal(o, "execQty", path), price, fee[0], fee[1], (Boolean) maker, JsonFields.integer(o, "execTime", path)));
        } catch (IllegalArgumentException e) {
            throw new JsonFields.Malformed(path, e.getMessage());
        }
    }

    private static BybitPosition position(JsonObject o, String path) {
        String rawSide = JsonFields.optText(o, "side", path);
        Optional<Side> side = rawSide == null || "None".equals(rawSide) ? Optional.empty() : Optional.of(side(o, path));
        Object idx = o.getValue("positionIdx");
        int positionIdx = idx == null ? 0 : Math.toIntExact(JsonFields.integer(idx, JsonFields.at(path, "positionIdx")));
        Object updated = o.getValue("updatedTime");
        // Bybit sends "" for a position that never existed; 0 then means "no update time".
        long updatedMs = updated == null || "".equals(updated) ? 0 : JsonFields.integer(o, "updatedTime", path);
        BigDecimal size = JsonFields.decimal(o, "size", path);
        try {
            return new BybitPosition(JsonFields.text(o, "symbol", path), positionIdx, side, size,
                    Optional.ofNullable(JsonFields.optDecimal(o, "avgPrice", path)),
                    Optional.ofNullable(JsonFields.optDecimal(o, "leverage", path)),
                    Optional.ofNullable(JsonFields.optDecimal(o, "liqPrice", path)),
                    Optional.ofNullable(JsonFields.optDecimal(o, "markPrice", path)), updatedMs);
        } catch (IllegalArgumentException e) {
            throw new JsonFields.Malformed(path, e.getMessage());
        }
    }

    private static Side side(JsonObject o, String path) {
        String s = JsonFields.text(o, "side", path);
        return switch (s) {
            case "Buy" -> Side.BUY;
            case "Sell" -> Side.SELL;
            default -> throw new JsonFields.Malformed(JsonFields.at(path, "side"), "is not Buy or Sell: \"" + s + "\"");
        };
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    // ---- request pipeline ----

    private interface ItemParser<T> {
        Optional<T> parse(JsonObject item, String path);
    }

    /** Follows {@code nextPageCursor} until it is empty, collecting what {@code item} keeps. */
    private <T> Future<List<T>> pages(String path, Category category, Function<String, Query> query, ItemParser<T> item) {
        List<T> out = new ArrayList<>();
        return page(path, category, query, item, null, out, 1).map(v -> List.copyOf(out));
    }

    private <T> Future<Void> page(String path, Category category, Function<String, Query> query, ItemParser<T> item,
                                  String cursor, List<T> out, int pageNo) {
        Call call = Call.get(path, query.apply(cursor).toString(), true, path + ":" + category.wire());
        return read(call, env -> {
            JsonArray list = JsonFields.array(env.result(), "list", "result");
            for (int i = 0; i < list.size(); i++) {
                item.parse(JsonFields.objectAt(list, i, "result.list"), JsonFields.at("result.list", i)).ifPresent(out::add);
            }
            return Optional.ofNullable(JsonFields.optText(env.result(), "nextPageCursor", "result"));
        }).compose(next -> {
            if (next.isEmpty() || next.get().equals(cursor)) return Future.succeededFuture();
            if (pageNo >= MAX_PAGES) {
                return Future.failedFuture(new BybitResponseException(call.describe(), "result.nextPageCursor",
                        "still set after " + MAX_PAGES + " pages"));
            }
            return page(path, category, query, item, next.get(), out, pageNo + 1);
        });
    }

    /** Sends an idempotent call, resending ambiguous failures with backoff, and parses the result. */
    private <T> Future<T> read(Call call, Function<BybitHttp.Envelope, T> parse) {
        return readAttempt(call, new Budget()).compose(env -> parsed(call, () -> parse.apply(env)));
    }

    private Future<BybitHttp.Envelope> readAttempt(Call call, Budget budget) {
        return send(call, budget).compose(reply -> {
            if (reply instanceof Ok ok) return Future.succeededFuture(ok.env());
            if (reply instanceof Halted h) {
                return Future.failedFuture(new BybitTradingUnavailableException(call.describe(), h.status()));
            }
            if (reply instanceof Refused ref) return Future.failedFuture(ref.error());
            Ambiguous a = (Ambiguous) reply;
            if (budget.sent >= settings.maxAttempts()) {
                return Future.failedFuture(new BybitRetriesExhaustedException(call.describe(), budget.sent, a.error()));
            }
            long delay = backoff(budget.sent);
            LOG.log(System.Logger.Level.WARNING, () -> a.error().getMessage() + "; attempt " + (budget.sent + 1) + " of "
                    + settings.maxAttempts() + " in " + delay + " ms");
            return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(t -> readAttempt(call, budget));
        });
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> Future<T> parsed(Call call, Parse<T> parse) {
        try {
            return Future.succeededFuture(parse.get());
        } catch (JsonFields.Malformed m) {
            return Future.failedFuture(new BybitResponseException(call.describe(), m.field, m.problem));
        }
    }

    /**
     * One request, plus the resends that are safe for any call because Bybit refused the request
     * before executing it (10002 after a time sync, 10006 after the reset). Resolves to what the
     * caller must decide on; fails only on a malformed or unexpected answer.
     */
    private Future<Reply> send(Call call, Budget budget) {
        Status s = status();
        if (!s.active()) return Future.succeededFuture(new Halted(s));
        Limit limit = limits.get(call.limitKey());
        if (limit != null && limit.remaining() <= 0) {
            long wait = limit.resetAtMs() - serverNow();
            if (wait > 0) {
                long delay = Math.min(wait, settings.backoffMax().toMillis());
                LOG.log(System.Logger.Level.INFO, () -> call.limitKey() + " rate limit spent; waiting " + delay + " ms");
                return vertx.timer(Math.max(1, delay), TimeUnit.MILLISECONDS).compose(t -> {
                    // The window we waited for is over; the next response tells the new count.
                    limits.remove(call.limitKey(), limit);
                    return send(call, budget);
                });
            }
            limits.remove(call.limitKey(), limit);
        }
        budget.sent++;
        String url = settings.baseUrl() + call.path() + (call.query().isEmpty() ? "" : "?" + call.query());
        HttpRequest<Buffer> req = call.isPost() ? client.postAbs(url) : client.getAbs(url);
        req.timeout(settings.requestTimeout().toMillis());
        if (call.signed()) {
            String payload = call.isPost() ? call.body() : call.query();
            BybitSigner.headers(secret.reveal(), serverNow(), apiKey, recvWindowMs, payload).forEach(req::putHeader);
        }
        Future<HttpResponse<Buffer>> sent;
        if (call.isPost()) {
            req.putHeader("Content-Type", "application/json");
            sent = req.sendBuffer(Buffer.buffer(call.body().getBytes(StandardCharsets.UTF_8)));
        } else {
            sent = req.send();
        }
        return sent.transform(ar -> {
            if (ar.failed()) {
                Throwable cause = ar.cause();
                String detail = cause instanceof TimeoutException
                        ? "no response data within the request timeout" : "transport failure: " + cause;
                return Future.succeededFuture(new Ambiguous(new BybitRestException(call.describe(), detail, cause)));
            }
            return answer(call, budget, ar.result());
        });
    }

    private Future<Reply> answer(Call call, Budget budget, HttpResponse<Buffer> resp) {
        noteLimit(call.limitKey(), resp);
        int http = resp.statusCode();
        String request = call.describe();
        if (http == 403) {
            lockedUntilMs = clock.getAsLong() + LOCKOUT_MS;
            LOG.log(System.Logger.Level.ERROR, () -> request + ": HTTP 403, no Bybit request until " + lockedUntilMs);
            return Future.succeededFuture(new Halted(status()));
        }
        if (http == 401) return Future.succeededFuture(new Halted(disable(request, "HTTP 401: " + JsonFields.snippet(resp.body()))));
        if (http == 429 || http >= 500) {
            return Future.succeededFuture(new Ambiguous(new BybitHttpException(request, http, JsonFields.snippet(resp.body()))));
        }
        if (http != 200) return Future.failedFuture(new BybitHttpException(request, http, JsonFields.snippet(resp.body())));
        JsonObject body;
        int retCode;
        String retMsg;
        try {
            body = JsonFields.jsonObject(resp.body());
            retCode = Math.toIntExact(JsonFields.integer(body, "retCode", ""));
            retMsg = body.getValue("retMsg") instanceof String m ? m : String.valueOf(body.getValue("retMsg"));
            if (retCode == 0) {
                return Future.succeededFuture(new Ok(new BybitHttp.Envelope(JsonFields.object(body, "result", ""),
                        JsonFields.integer(body, "time", ""))));
            }
        } catch (JsonFields.Malformed m) {
            return Future.failedFuture(new BybitResponseException(request, m.field, m.problem));
        } catch (ArithmeticException e) {
            return Future.failedFuture(new BybitResponseException(request, "retCode", "is out of int range"));
        }
        BybitApiException error = new BybitApiException(request, retCode, retMsg);
        if (AUTH_FAILURES.contains(retCode)) {
            return Future.succeededFuture(new Halted(disable(request, "retCode " + retCode + " \"" + retMsg + "\"")));
        }
        boolean budgetLeft = budget.sent < settings.maxAttempts();
        if (retCode == RET_TIMESTAMP && budgetLeft) {
            LOG.log(System.Logger.Level.WARNING, () -> error.getMessage() + "; resyncing the clock");
            return syncTime().transform(ignored -> send(call, budget));
        }
        if (retCode == RET_RATE_LIMIT && budgetLeft) {
            Long reset = header(resp, LIMIT_RESET_HEADER);
            long resetAt = reset != null ? reset : serverNow() + backoff(budget.sent);
            limits.put(call.limitKey(), new Limit(0, resetAt));
            return send(call, budget);
        }
        if (retCode == RET_SERVER_ERROR || retCode == RET_INVALID_DUPLICATE) {
            return Future.succeededFuture(new Ambiguous(error));
        }
        return Future.succeededFuture(new Refused(error));
    }

    private Status disable(String request, String reason) {
        if (disabledReason == null) {
            disabledReason = "authentication failed: " + reason;
            LOG.log(System.Logger.Level.ERROR, () -> request + ": " + disabledReason + "; client disabled");
        }
        return status();
    }

    private void noteLimit(String key, HttpResponse<Buffer> resp) {
        Long remaining = header(resp, LIMIT_STATUS_HEADER);
        Long reset = header(resp, LIMIT_RESET_HEADER);
        if (remaining != null && reset != null) limits.put(key, new Limit(remaining, reset));
    }

    private static Long header(HttpResponse<Buffer> resp, String name) {
        String v = resp.getHeader(name);
        if (v == null) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            // A garbled hint is no reason to fail the call; the plain backoff still applies.
            return null;
        }
    }

    private long serverNow() {
        return clock.getAsLong() + offsetMs;
    }

    private long backoff(int sent) {
        long max = settings.backoffMax().toMillis();
        long delay = settings.backoffBase().toMillis();
        for (int i = 1; i < sent && delay < max; i++) delay *= 2;
        return Math.max(1, Math.min(delay, max));
    }

    private static PlaceResult halted(Status s) {
        return s.state() == Status.State.DISABLED ? new PlaceResult.Disabled(s.reason()) : new PlaceResult.LockedOut(s.untilMs());
    }



    /** Requests sent so far by one logical call, across all its resends. Touched by one callback chain at a time. */
    private static final class Budget {
        int sent;
    }

    /** Last known per-endpoint limit: requests left in the window and when it resets (server ms). */
    private record Limit(long remaining, long resetAtMs) {
    }

    /** One request as it goes on the wire; {@code query} and {@code body} are exactly what is signed and sent. */
    private record Call(boolean isPost, String path, String query, String body, boolean signed, String limitKey) {
        static Call get(String path, String query, boolean signed, String limitKey) {
            return new Call(false, path, query, null, signed, limitKey);
        }

        static Call post(String path, String body, String limitKey) {
            return new Call(true, path, "", body, true, limitKey);
        }

        /** Method, path and query: safe to log, as neither the key's secret nor the signature is in it. */
        String describe() {
            return (isPost ? "POST " : "GET ") + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    private sealed interface Reply permits Ok, Ambiguous, Refused, Halted {
    }

    /** retCode 0. */
    private record Ok(BybitHttp.Envelope env) implements Reply {
    }

    /** The request may or may not have been executed. */
    private record Ambiguous(BybitRestException error) implements Reply {
    }

    /** A final non-zero retCode: the request was not executed and resending will not change that. */
    private record Refused(BybitApiException error) implements Reply {
    }

    /** The client may not send: disabled or locked out. */
    private record Halted(Status status) implements Reply {
    }

    /**
     * A query string built once, so the string signed is the string sent. Values keep the RFC 3986
     * unreserved characters and {@code %}, so a cursor Bybit already percent-encoded goes back as it
     * came; anything else is percent-encoded as UTF-8.
     */
    private static final class Query {
        private final StringBuilder sb = new StringBuilder();

        Query add(String key, String value) {
            if (sb.length() > 0) sb.append('&');
            sb.append(key).append('=');
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~%".indexOf(c) >= 0)) {
                    sb.append(c);
                } else {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
