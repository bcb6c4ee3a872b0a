package dev.meridian.exchange.oanda;

import dev.meridian.exchange.JsonFields;

import dev.meridian.config.OandaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * OANDA v20 REST for one account: account summary, order placement, order lookup by client id,
 * fill transactions, the transactions since an id, and pending orders. Non-blocking: every call returns a {@link Future} and waits
 * only on Vert.x timers. Every request carries {@code Authorization: Bearer <token>} and asks for
 * RFC 3339 times; bodies are JSON. Decimals are exact {@link java.math.BigDecimal}s parsed from
 * OANDA's strings. The token is never logged nor put in a message.
 *
 * <p><b>Answers.</b> "Attempt budget" is {@link OandaRestSettings#maxAttempts()} requests per call;
 * "backoff" is {@code backoffBase} doubled per attempt up to {@code backoffMax}.
 * <table>
 *   <caption>What each answer does</caption>
 *   <tr><th>answer</th><th>reads</th><th>{@link #createOrder}</th></tr>
 *   <tr><td>200, 201</td><td>the parsed body</td><td>{@link OandaPlaceResult.Created}</td></tr>
 *   <tr><td>429 (more than 120 requests/s)</td><td colspan="2">refused before execution: backoff and
 *       resend (budget permitting)</td></tr>
 *   <tr><td>5xx, timeout, broken connection</td><td>backoff and resend (reads are idempotent)</td>
 *       <td>ambiguous, the order may exist: backoff, then look it up by client id; found means
 *       {@link OandaPlaceResult.AlreadyPlaced}, 404 means resend the same body (budget permitting)</td></tr>
 *   <tr><td>401</td><td colspan="2">{@link OandaCredentialsRejectedException}; the client sends nothing
 *       after it (the same token cannot succeed, and hammering OANDA with it helps no one)</td></tr>
 *   <tr><td>400, 404</td><td>{@link OandaRejectedException} ({@link #orderByClientId}: 404 is "no such
 *       order")</td><td>{@code CLIENT_ORDER_ID_ALREADY_EXISTS}: {@code AlreadyPlaced}; any other:
 *       {@link OandaPlaceResult.Rejected} with the reject reason or error message</td></tr>
 *   <tr><td>any other status</td><td>{@link OandaHttpException}</td><td>{@code Rejected} with the status:
 *       a definite answer means nothing was created</td></tr>
 * </table>
 * When the budget runs out on retryable failures the future fails with
 * {@link OandaRetriesExhaustedException}; a placement then is unresolved (the caller's
 * reconciliation looks it up later). A body that is not the documented shape fails the future with
 * an {@link OandaRestException} naming the field.
 *
 * <p><b>Idempotency of {@link #createOrder}.</b> Every attempt sends the same body with the same
 * {@code clientExtensions.id}. An ambiguous attempt is never resent blind: the order is looked up
 * first. Should the lookup miss an order OANDA has not indexed yet, the resend carries the same
 * client id and OANDA refuses it with {@code CLIENT_ORDER_ID_ALREADY_EXISTS}, which again means
 * {@code AlreadyPlaced}. If the lookup itself fails the state is unknown and the future fails rather
 * than guess.
 */
public final class OandaRest {
    private static final System.Logger LOG = System.getLogger(OandaRest.class.getName());
    /** OANDA's reject reason (and error code) for a client id that is already taken. */
    static final String DUPLICATE_CLIENT_ID = "CLIENT_ORDER_ID_ALREADY_EXISTS";

    private final Vertx vertx;
    private final WebClient client;
    private final OandaRestSettings settings;
    private final OandaConfig.Account account;
    private final String accountPath;
    private volatile String credentialsRejected;

    public OandaRest(Vertx vertx, OandaRestSettings settings, OandaConfig.Account account) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.account = Objects.requireNonNull(account, "account");
        if (!account.accountId().matches("[A-Za-z0-9-]+")) {
            // It becomes a path segment; anything else would change which URL is called.
            throw new IllegalArgumentException("an OANDA account id is letters, digits and '-', got '" + account.accountId() + "'");
        }
        this.accountPath = "/v3/accounts/" + account.accountId();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("meridian")
                .setKeepAlive(true)
                .setConnectTimeout(Math.toIntExact(settings.requestTimeout().toMillis())));
    }

    public String accountId() { return account.accountId(); }

    /** True once OANDA answered 401; from then on nothing is sent. */
    public boolean credentialsRejected() { return credentialsRejected != null; }

    /** {@code GET /v3/accounts/{id}/summary}. */
    public Future<OandaAccountSummary> accountSummary() {
        return read(Call.get(accountPath + "/summary"), OandaWire::summary);
    }

    /**
     * {@code POST /v3/accounts/{id}/orders} with {@code {"order": order}}, idempotent on
     * {@code clientId} (see the class comment). {@code order} must carry
     * {@code clientExtensions.id == clientId}.
     */
    public Future<OandaPlaceResult> createOrder(String clientId, JsonObject order) {
        pathSafe(clientId, "clientId");
        Objects.requireNonNull(order, "order");
        Object ext = order.getValue("clientExtensions");
        if (!(ext instanceof JsonObject e) || !clientId.equals(e.getString("id"))) {
            throw new IllegalArgumentException("the order's clientExtensions.id must be " + clientId);
        }
        Call call = Call.post(accountPath + "/orders", new JsonObject().put("order", order).encode());
        return placeAttempt(clientId, call, new Budget());
    }

    /**
     * {@code GET /v3/accounts/{id}/orders/@{clientId}}: the order with that client id in any state,
     * or empty when OANDA answers 404 (no such order).
     */
    public Future<Optional<OandaOrder>> orderByClientId(String clientId) {
        pathSafe(clientId, "clientId");
        return read(Call.get(accountPath + "/orders/@" + clientId), body -> Optional.of(OandaWire.orderBody(body)))
                .recover(e -> e instanceof OandaRejectedException r && r.status() == 404
                        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
    }

    /** {@code GET /v3/accounts/{id}/transactions/{transactionId}}, which must be an {@code ORDER_FILL}. */
    public Future<OandaFill> fillTransaction(String transactionId) {
        pathSafe(transactionId, "transactionId");
        return read(Call.get(accountPath + "/transactions/" + transactionId), OandaWire::fillTransaction);
    }

    /**
     * {@code GET /v3/accounts/{id}/transactions/sinceid?id={afterId}}: the account's transactions after
     * (not including) {@code afterId}, oldest first. A read like the others: retried on 429 and 5xx
     * within the attempt budget. Package-private: the page is the adapter's own record.
     */
    Future<OandaWire.TransactionPage> transactionsSince(long afterId) {
        if (afterId < 0) throw new IllegalArgumentException("a transaction id is >= 0, got " + afterId);
        return read(Call.get(accountPath + "/transactions/sinceid?id=" + afterId), OandaWire::transactionPage);
    }

    /** {@code GET /v3/accounts/{id}/pendingOrders}: every order not yet filled or cancelled, ours or not. */
    public Future<List<OandaOrder>> pendingOrders() {
        return read(Call.get(accountPath + "/pendingOrders"), OandaWire::orders);
    }

    /**
     * {@code GET /v3/instruments/{instrument}/candles?granularity=M1&price=M&count={count}}: the
     * newest {@code count} one-minute mid candles of an instrument, oldest first (the newest may be
     * incomplete), for warming the indicators up at start.
     */
    public Future<List<OandaCandle>> minuteCandles(String instrument, int count) {
        pathSafe(instrument, "instrument");
        if (count < 1 || count > 5000) throw new IllegalArgumentException("OANDA serves 1..5000 candles, asked " + count);
        return read(Call.get("/v3/instruments/" + instrument + "/candles?granularity=M1&price=M&count=" + count), OandaWire::candles);
    }

    /** Ids become path segments unescaped, so they are held to characters that need no escaping (our client ids are). */
    private static void pathSafe(String id, String name) {
        Objects.requireNonNull(id, name);
        if (!id.matches("[A-Za-z0-9_.-]{1,128}")) throw new IllegalArgumentException(name + " must be 1..128 of [A-Za-z0-9_.-], got '" + id + "'");
    }

    /** Closes the HTTP client; calls after it fail. */
    public void close() {
        client.close();
    }

    // ---- placement ----

    private Future<OandaPlaceResult> placeAttempt(String clientId, Call call, Budget budget) {
        return send(call, budget).compose(reply -> {
            if (reply instanceof Ok ok) return parsed(call, () -> OandaWire.created(ok.body()));
            if (reply instanceof Refused ref) {
                OandaHttpException e = ref.error();
                if (e instanceof OandaCredentialsRejectedException) return Future.failedFuture(e);
                if (e instanceof OandaRejectedException r
                        && (DUPLICATE_CLIENT_ID.equals(r.rejectReason()) || DUPLICATE_CLIENT_ID.equals(r.errorCode()))) {
                    LOG.log(System.Logger.Level.INFO, () -> clientId + " already at OANDA: " + r.detail());
                    return Future.succeededFuture(new OandaPlaceResult.AlreadyPlaced(DUPLICATE_CLIENT_ID));
                }
                String reason = e instanceof OandaRejectedException r ? r.reason() : e.detail();
                return Future.succeededFuture(new OandaPlaceResult.Rejected(reason));
            }
            Retry retry = (Retry) reply;
            if (!retry.ambiguous()) {
                // 429: refused before execution, so a resend cannot double the order.
                if (budget.sent >= settings.maxAttempts()) {
                    return Future.failedFuture(new OandaRetriesExhaustedException(call.describe(), budget.sent, retry.error()));
                }
                long delay = settings.backoffMs(budget.sent);
                LOG.log(System.Logger.Level.WARNING, () -> retry.error().getMessage() + "; resending in " + delay + " ms");
                return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(t -> placeAttempt(clientId, call, budget));
            }
            long delay = settings.backoffMs(budget.sent);
            LOG.log(System.Logger.Level.WARNING, () -> retry.error().getMessage() + "; looking up " + clientId + " in " + delay
                    + " ms before any resend");
            return vertx.timer(delay, TimeUnit.MILLISECONDS)
                    .compose(t -> orderByClientId(clientId))
                    .transform(ar -> {
                        if (ar.failed()) {
                            if (ar.cause() instanceof OandaCredentialsRejectedException c) return Future.failedFuture(c);
                            return Future.failedFuture(new OandaRestException(call.describe(), "order state unknown: the lookup"
                                    + " after an ambiguous attempt failed (" + retry.error().detail() + ")", ar.cause()));
                        }
                        if (ar.result().isPresent()) {
                            return Future.succeededFuture(new OandaPlaceResult.AlreadyPlaced(
                                    "found by client id after an ambiguous attempt (" + retry.error().detail() + ")"));
                        }
                        if (budget.sent >= settings.maxAttempts()) {
                            return Future.failedFuture(new OandaRetriesExhaustedException(call.describe(), budget.sent, retry.error()));
                        }
                        return placeAttempt(clientId, call, budget);
                    });
        });
    }

    // ---- reads ----

    private <T> Future<T> read(Call call, Function<JsonObject, T> parse) {
        return readAttempt(call, new Budget()).compose(body -> parsed(call, () -> parse.apply(body)));
    }

    private Future<JsonObject> readAttempt(Call call, Budget budget) {
        return send(call, budget).compose(reply -> {
            if (reply instanceof Ok ok) return Future.succeededFuture(ok.body());
            if (reply instanceof Refused ref) return Future.failedFuture(ref.error());
            Retry retry = (Retry) reply;
            if (budget.sent >= settings.maxAttempts()) {
                return Future.failedFuture(new OandaRetriesExhaustedException(call.describe(), budget.sent, retry.error()));
            }
            long delay = settings.backoffMs(budget.sent);
            LOG.log(System.Logger.Level.WARNING, () -> retry.error().getMessage() + "; attempt " + (budget.sent + 1) + " of "
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
        } catch (JsonFields.Malformed | ArithmeticException m) {
            return Future.failedFuture(new OandaRestException(call.describe(), "unexpected body: " + m.getMessage(), null));
        }
    }

    // ---- one request ----

    /** One request, classified. Fails only on a 2xx body that is not JSON. */
    private Future<Reply> send(Call call, Budget budget) {
        String rejected = credentialsRejected;
        if (rejected != null) {
            return Future.succeededFuture(new Refused(new OandaCredentialsRejectedException(call.describe(),
                    "not sent: OANDA rejected the token earlier (" + rejected + ")")));
        }
        budget.sent++;
        HttpRequest<Buffer> req = client.requestAbs(call.method(), settings.baseUrl() + call.path())
                .timeout(settings.requestTimeout().toMillis())
                .putHeader("Authorization", "Bearer " + account.token().reveal())
                .putHeader("Accept-Datetime-Format", OandaWire.DATETIME_FORMAT);
        Future<HttpResponse<Buffer>> sent;
        if (call.body() != null) {
            req.putHeader("Content-Type", "application/json");
            sent = req.sendBuffer(Buffer.buffer(call.body().getBytes(StandardCharsets.UTF_8)));
        } else {
            sent = req.send();
        }
        return sent.transform(ar -> {
            if (ar.failed()) {
                Throwable cause = ar.cause();
                String detail = cause instanceof TimeoutException
                        ? "no response data within " + settings.requestTimeout().toMillis() + " ms" : "transport failure: " + cause;
                return Future.succeededFuture(new Retry(new OandaRestException(call.describe(), detail, cause), true));
            }
            return classify(call, ar.result());
        });
    }

    private Future<Reply> classify(Call call, HttpResponse<Buffer> resp) {
        int status = resp.statusCode();
        String request = call.describe();
        if (status == 200 || status == 201) {
            try {
                return Future.succeededFuture(new Ok(OandaWire.body(resp.body())));
            } catch (JsonFields.Malformed m) {
                return Future.failedFuture(new OandaRestException(request, "unexpected body: " + m.getMessage(), null));
            }
        }
        OandaWire.Error err = OandaWire.error(resp.body());
        String snippet = JsonFields.snippet(resp.body());
        if (status == 429 || status >= 500) {
            return Future.succeededFuture(new Retry(new OandaHttpException(request, status, err.errorCode(), err.errorMessage(), snippet),
                    status != 429));
        }
        if (status == 401) {
            if (credentialsRejected == null) {
                credentialsRejected = "HTTP 401" + (err.errorMessage().isEmpty() ? "" : ": " + err.errorMessage());
                LOG.log(System.Logger.Level.ERROR, () -> request + ": OANDA rejected the token (" + credentialsRejected
                        + "); nothing more is sent with it");
            }
            return Future.succeededFuture(new Refused(new OandaCredentialsRejectedException(request, err.errorMessage())));
        }
        if (status == 400 || status == 404) {
            return Future.succeededFuture(new Refused(new OandaRejectedException(request, status, err.errorCode(), err.errorMessage(),
                    err.rejectReason(), snippet)));
        }
        return Future.succeededFuture(new Refused(new OandaHttpException(request, status, err.errorCode(), err.errorMessage(), snippet)));
    }

    /** Requests sent so far by one logical call. Touched by one callback chain at a time. */
    private static final class Budget {
        int sent;
    }

    /** One request: method, path under the base URL, and the JSON body of a POST (null for a GET). */
    private record Call(HttpMethod method, String path, String body) {
        static Call get(String path) {
            return new Call(HttpMethod.GET, path, null);
        }

        static Call post(String path, String body) {
            return new Call(HttpMethod.POST, path, body);
        }

        /** Method and path: safe to log, the token travels in a header. */
        String describe() {
            return method + " " + path;
        }
    }

    private sealed interface Reply permits Ok, Retry, Refused {
    }

    /** 200 or 201 with a JSON object body. */
    private record Ok(JsonObject body) implements Reply {
    }

    /**
     * Worth another attempt. {@code ambiguous}: the request may have been executed (5xx, timeout,
     * broken connection); not ambiguous: refused before execution (429).
     */
    private record Retry(OandaRestException error, boolean ambiguous) implements Reply {
    }

    /** A definite refusal: resending the same request fails the same way. */
    private record Refused(OandaHttpException error) implements Reply {
    }
}
