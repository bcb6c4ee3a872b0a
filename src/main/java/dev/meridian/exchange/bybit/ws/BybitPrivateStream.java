package dev.meridian.exchange.bybit.ws;

import dev.meridian.exchange.Backoff;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.meridian.config.BybitConfig;
import dev.meridian.exchange.bybit.parse.BybitPrivateDecoder;
import dev.meridian.exchange.bybit.parse.PrivateEvent;
import dev.meridian.exchange.bybit.parse.PrivateFrame;
import dev.meridian.exchange.bybit.ws.PrivateStreamState.Status;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * One resilient, authenticated connection to Bybit's V5 private stream (e.g.
 * {@code wss://stream.bybit.com/v5/private}), subscribed to its topics ({@link #TOPICS} unless the
 * owner names others, e.g. a perps venue's {@link #LINEAR_TOPICS}), kept open until {@link #stop()}.
 *
 * <p><b>Contract.</b>
 * <ul>
 * <li>Every connection authenticates first: {@code {"op":"auth","args":[apiKey, expires, signature]}}
 *     with {@code expires} = the injected clock + 10 s and {@code signature} = lowercase hex
 *     HMAC-SHA256 of {@code "GET/realtime" + expires} under the API secret. Neither the secret nor
 *     the signature is ever logged. On success it subscribes its topics in one request; the ack makes the stream {@link Status#LIVE} and emits
 *     {@link PrivateStreamEvent.Connected}.</li>
 * <li>A refused auth ({@code success:false}, or a non-zero {@code retCode}) is terminal:
 *     {@link Status#AUTH_FAILED}, the reason in {@link PrivateStreamState#authFailure()}, one
 *     {@link PrivateStreamEvent.AuthFailed}, the socket closed, and no further connection attempt.
 *     {@link #start()}'s future fails if that happens before the first success.</li>
 * <li>Liveness: {@code {"req_id":"ping-N","op":"ping"}} every ping interval; when nothing at all
 *     (pong or data) arrives for the stall timeout, or auth or subscribe get no answer within the ack
 *     timeout, the connection is dropped. A lost connection emits
 *     {@link PrivateStreamEvent.Disconnected} and is re-opened after the capped, fully jittered
 *     {@link Backoff}, then re-authenticated and re-subscribed.</li>
 * <li>Data frames are decoded by a {@link BybitPrivateDecoder}; each event goes to {@code onData}
 *     in arrival order. A malformed frame is dropped, counted ({@link #malformedFrames()}) and
 *     logged (throttled), never thrown.</li>
 * <li>Delivery is at-least-once within a connection and lossy across reconnects: the same execution
 *     can be pushed twice (around reconnects, and a cancel racing a fill yields two {@code Filled}
 *     order updates), and pushes during a disconnection are not replayed. Deduplication (by
 *     {@code execId}) and REST reconciliation after each reconnect are the owner's job.</li>
 * <li>Callbacks run on the event loop of the context that constructed the stream, must not block,
 *     and may throw without harming the stream (logged). After {@link #stop()} no callback runs and
 *     nothing reconnects. A stream is started at most once.</li>
 * </ul>
 * Public methods may be called from any thread. Nothing here blocks.
 */
public final class BybitPrivateStream {
    /** The topics every connection subscribes, in one request. */
    public static final List<String> TOPICS = List.of("order", "execution", "wallet");
    /**
     * A linear (USDT perpetual) venue's topics: the per-category variants, so Bybit pushes no spot
     * or option traffic to it, plus positions (liquidation price, forced size changes). Bybit allows
     * no mix of all-in-one and per-category topics in one request; these are all per-category.
     */
    public static final List<String> LINEAR_TOPICS = List.of("order.linear", "execution.linear", "position.linear");
    /**
     * An options venue's topics: its orders and fills only, per category like {@link #LINEAR_TOPICS},
     * so no spot or linear traffic reaches it. Option positions are not read from the stream (yet).
     */
    public static final List<String> OPTION_TOPICS = List.of("order.option", "execution.option");
    /** How far ahead {@code expires} is set: Bybit rejects a 1 s margin often enough ("Params Error"). */
    static final Duration EXPIRES_AHEAD = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(BybitPrivateStream.class.getName());
    // A stalled peer never answers the close handshake; don't let stop() wait Vert.x's default 10 s on it.
    private static final int CLOSING_TIMEOUT_S = 2;
    private static final int MAX_LOGGED_CHARS = 300;

    private final Vertx vertx;
    private final Context context;
    private final URI endpoint;
    private final BybitConfig.Credentials credentials;
    private final StreamOptions options;
    private final Clock clock;
    private final Consumer<PrivateEvent> onData;
    private final Consumer<PrivateStreamEvent> onEvent;
    private final List<String> topics;
    private final Backoff backoff;
    private final BybitPrivateDecoder decoder = new BybitPrivateDecoder();
    private final WebSocketConnectOptions connectOptions;
    private final Promise<Void> firstLive = Promise.promise();

    private WebSocketClient client;
    private Connection current;
    private Status status = Status.STOPPED;
    private boolean started;
    // Set before stop() hops onto the event loop: from the moment stop() is called nothing gets through.
    private volatile boolean stopping;
    private Future<Void> stopped;
    private boolean everConnected;
    private int reconnects;
    private int connectAttempts;
    private long reconnectTimer = -1;
    private long requestSeq;
    private long callbackErrors;
    private String lastError;
    private String authFailure;

    private volatile PrivateStreamState snapshot;
    private volatile long lastMessageMs;
    private volatile long malformedFrames;

    private enum Phase { AUTH, SUBSCRIBE, LIVE }

    /** One WebSocket and its timers; handlers of a socket that is no longer {@code current} do nothing. */
    private static final class Connection {
        final WebSocket ws;
        final long openedNanos;
        long lastMessageNanos;
        Phase phase = Phase.AUTH;
        long phaseSinceNanos;
        String error;
        long pingTimer = -1;
        long watchdogTimer = -1;

        Connection(WebSocket ws, long openedNanos) {
            this.ws = ws;
            this.openedNanos = openedNanos;
            this.lastMessageNanos = openedNanos;
            this.phaseSinceNanos = openedNanos;
        }
    }

    /**
     * @param vertx       the Vert.x instance; the stream binds to the caller's context (or a new
     *                    event-loop context when called off Vert.x threads)
     * @param url         the full private stream URL, {@code ws://} or {@code wss://}, e.g.
     *                    {@code wss://stream.bybit.com/v5/private}
     * @param credentials the API key and secret
     * @param options     timing and limits ({@link StreamOptions#defaults()} in production); the ack
     *                    timeout bounds the wait for the auth answer and the subscribe ack
     * @param clock       source of {@code expires}; {@link Clock#systemUTC()} in production
     * @param onData      receives every decoded private event
     * @param onEvent     receives connection events
     */
    public BybitPrivateStream(Vertx vertx, URI url, BybitConfig.Credentials credentials, StreamOptions options,
                              Clock clock, Consumer<PrivateEvent> onData, Consumer<PrivateStreamEvent> onEvent) {
        this(vertx, url, credentials, options, clock, TOPICS, onData, onEvent);
    }

    /**
     * As above, subscribing {@code topics} (at least one, subscribed in one request) instead of
     * {@link #TOPICS}.
     */
    public BybitPrivateStream(Vertx vertx, URI url, BybitConfig.Credentials credentials, StreamOptions options,
                              Clock clock, List<String> topics, Consumer<PrivateEvent> onData,
                              Consumer<PrivateStreamEvent> onEvent) {
        this.topics = List.copyOf(topics);
        if (this.topics.isEmpty()) throw new IllegalArgumentException("a private stream needs at least one topic");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.endpoint = validated(Objects.requireNonNull(url, "url"));
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onData = Objects.requireNonNull(onData, "onData");
        this.onEvent = Objects.requireNonNull(onEvent, "onEvent");
        this.context = vertx.getOrCreateContext();
        this.backoff = new Backoff(options.backoffBase().toMillis(), options.backoffMax().toMillis(), options.random());
        this.connectOptions = connectOptions(endpoint, options);
        publishState();
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Starts connecting. The future completes when the stream first becomes {@link Status#LIVE}; it
     * fails if auth is refused or {@link #stop()} is called first. Network failures do not fail it
     * (the stream keeps retrying). Calling it again returns the same future.
     */
    public Future<Void> start() {
        return onContext(() -> {
            if (stopping) {
                return Future.failedFuture(new IllegalStateException("private stream " + endpoint + " was stopped; it cannot be restarted"));
            }
            if (!started) {
                started = true;
                client = vertx.createWebSocketClient(new WebSocketClientOptions()
                        .setMaxFrameSize(options.maxMessageBytes())
                        .setMaxMessageSize(options.maxMessageBytes())
                        .setClosingTimeout(CLOSING_TIMEOUT_S)
                        .setConnectTimeout((int) options.connectTimeout().toMillis())
                        .setSslHandshakeTimeout(options.connectTimeout().toMillis())
                        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS));
                status = Status.CONNECTING;
                publishState();
                connect();
            }
            return firstLive.future();
        });
    }

    /** Stops for good: cancels timers, closes the connection and the client. Idempotent. */
    public Future<Void> stop() {
        stopping = true;
        return onContext(() -> {
            if (stopped != null) {
                return stopped;
            }
            if (status != Status.AUTH_FAILED) {
                status = Status.STOPPED;
            }
            cancelTimer(reconnectTimer);
            reconnectTimer = -1;
            firstLive.tryFail(new IllegalStateException("private stream " + endpoint + " stopped before it was live"));
            Connection c = current;
            current = null;
            Future<Void> socketClosed = Future.succeededFuture();
            if (c != null) {
                cancelTimers(c);
                socketClosed = c.ws.close().otherwiseEmpty();
            }
            WebSocketClient cl = client;
            stopped = socketClosed
                    .compose(v -> cl == null ? Future.<Void>succeededFuture() : cl.close().otherwiseEmpty())
                    .onComplete(v -> LOG.log(INFO, "private stream stopped"));
            publishState();
            return stopped;
        });
    }

    /** A snapshot of status and counters; safe from any thread. */
    public PrivateStreamState state() {
        PrivateStreamState s = snapshot;
        return new PrivateStreamState(s.status(), s.connectAttempts(), s.reconnects(), lastMessageMs, malformedFrames,
                s.authFailure(), s.lastError());
    }

    /** Frames dropped as malformed since construction; safe from any thread. */
    public long malformedFrames() {
        return malformedFrames;
    }

    /** Lowercase hex HMAC-SHA256 of {@code "GET/realtime" + expires} under {@code secret}. */
    static String signature(String secret, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("GET/realtime" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256, so this means a broken JRE.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    // ---- connection lifecycle (event loop only) ----

    private void connect() {
        if (stopping || status == Status.AUTH_FAILED) {
            return;
        }
        connectAttempts++;
        status = Status.CONNECTING;
        publishState();
        LOG.log(DEBUG, "private stream: connecting to {0}", endpoint);
        Future<WebSocket> attempt;
        try {
            attempt = client.connect(connectOptions);
        } catch (RuntimeException e) {
            attempt = Future.failedFuture(e);
        }
        attempt.onComplete(ar -> guarded(() -> {
            if (stopping) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                lastError = "connect failed: " + describe(ar.cause());
                LOG.log(WARNING, "private stream: {0} ({1})", lastError, endpoint);
                status = Status.RECONNECTING;
                publishState();
                scheduleReconnect();
            } else {
                opened(ar.result());
            }
        }));
    }

    private void opened(WebSocket ws) {
        long now = System.nanoTime();
        Connection c = new Connection(ws, now);
        current = c;
        if (everConnected) {
            reconnects++;
        }
        everConnected = true;
        status = Status.AUTHENTICATING;
        ws.textMessageHandler(text -> guarded(() -> onText(c, text)));
        ws.binaryMessageHandler(buf -> guarded(() -> onBinary(c, buf.length())));
        ws.exceptionHandler(err -> guarded(() -> onError(c, err)));
        ws.closeHandler(v -> guarded(() -> lost(c, closeReason(c))));
        c.pingTimer = vertx.setPeriodic(options.pingInterval().toMillis(), id -> guarded(() -> ping(c)));
        c.watchdogTimer = vertx.setPeriodic(watchdogPeriodMs(), id -> guarded(() -> watchdog(c)));
        LOG.log(INFO, "private stream connected to {0} (reconnects: {1}); authenticating", endpoint, reconnects);
        publishState();
        ws.writeTextMessage(authRequest());
        if (ws.isClosed()) {
            // Closed before our close handler was in place: it will never fire for this socket.
            lost(c, closeReason(c));
        }
    }

    /** The auth request; built here and written at once, so the signature lives in no field and no log. */
    private String authRequest() {
        long expires = clock.millis() + EXPIRES_AHEAD.toMillis();
        String key = credentials.apiKey().reveal();
        String sig = signature(credentials.apiSecret().reveal(), expires);
        return "{\"req_id\":\"auth-" + (++requestSeq) + "\",\"op\":\"auth\",\"args\":[\"" + quoted(key) + "\","
                + expires + ",\"" + sig + "\"]}";
    }

    private String subscribeRequest() {
        StringBuilder sb = new StringBuilder("{\"req_id\":\"sub-").append(++requestSeq).append("\",\"op\":\"subscribe\",\"args\":[");
        for (int i = 0; i < topics.size(); i++) {
            sb.append(i > 0 ? ",\"" : "\"").append(topics.get(i)).append('"');
        }
        return sb.append("]}").toString();
    }

    /** Handles the loss of {@code c}, whatever noticed it first; later notices about it are ignored. */
    private void lost(Connection c, String reason) {
        if (c != current || stopping) {
            return;
        }
        current = null;
        cancelTimers(c);
        if (System.nanoTime() - c.openedNanos >= options.stableAfter().toNanos()) {
            backoff.reset();
        }
        status = Status.RECONNECTING;
        lastError = reason;
        long last = lastMessageMs;
        LOG.log(WARNING, "private stream disconnected: {0}; last message: {1}",
                reason, last == 0 ? "never" : (System.currentTimeMillis() - last) + " ms ago");
        publishState();
        emit(new PrivateStreamEvent.Disconnected(reason, last, System.currentTimeMillis()));
        scheduleReconnect();
    }

    /** Drops {@code c} on our initiative (silence, refused or missing answers) and reconnects. */
    private void drop(Connection c, String reason) {
        if (c != current) {
            return;
        }
        lost(c, reason);
        // Not awaited: a silent peer won't answer the close handshake; Vert.x cuts TCP after the closing timeout.
        c.ws.close();
    }

    private void scheduleReconnect() {
        if (stopping || status == Status.AUTH_FAILED) {
            return;
        }
        int attempt = backoff.attempts() + 1;
        // Vert.x timers need at least 1 ms; a 0 ms draw of the jitter just means "now".
        long delay = Math.max(1, backoff.nextDelayMs());
        LOG.log(INFO, "private stream: attempt {0} in {1} ms", attempt, delay);
        reconnectTimer = vertx.setTimer(delay, id -> guarded(() -> {
            reconnectTimer = -1;
            connect();
        }));
    }

    // ---- per-connection handlers (event loop only) ----

    private void onText(Connection c, String text) {
        if (c != current || stopping) {
            return;
        }
        c.lastMessageNanos = System.nanoTime();
        lastMessageMs = System.currentTimeMillis();
        PrivateFrame frame = decoder.decode(text);
        if (frame instanceof PrivateFrame.Events events) {
            for (PrivateEvent e : events.events()) {
                if (c != current || stopping) {
                    return;
                }
                try {
                    onData.accept(e);
                } catch (RuntimeException ex) {
                    callbackFailed("data", ex);
                }
            }
        } else if (frame instanceof PrivateFrame.Control control) {
            onControl(c, control, text);
        } else if (frame instanceof PrivateFrame.Malformed bad) {
            malformedFrames = decoder.malformedFrames();
            // Throttled to the 1st, 2nd, 4th, 8th … so a feed of garbage can't flood the log.
            if (Long.bitCount(malformedFrames) == 1) {
                LOG.log(WARNING, "private stream: dropped a malformed frame ({0}; {1} so far): {2}",
                        bad.reason(), malformedFrames, truncate(text));
            }
            publishState();
        }
    }

    private void onControl(Connection c, PrivateFrame.Control control, String text) {
        switch (control.op()) {
            case "pong", "ping" -> {
                // Liveness is already recorded; a pong carries nothing else.
            }
            case "auth" -> onAuthAnswer(c, control);
            case "subscribe" -> onSubscribeAck(c, control);
            default -> LOG.log(WARNING, "private stream: unexpected answer from the server: {0}", truncate(text));
        }
    }

    private void onAuthAnswer(Connection c, PrivateFrame.Control answer) {
        if (c.phase != Phase.AUTH) {
            LOG.log(WARNING, "private stream: ignored an auth answer outside authentication (success={0})", answer.success());
            return;
        }
        if (!answer.success()) {
            authRefused(c, answer.retMsg().isEmpty() ? "auth refused (no reason given)" : answer.retMsg());
            return;
        }
        c.phase = Phase.SUBSCRIBE;
        c.phaseSinceNanos = System.nanoTime();
        status = Status.SUBSCRIBING;
        publishState();
        LOG.log(DEBUG, "private stream: authenticated; subscribing {0}", topics);
        c.ws.writeTextMessage(subscribeRequest());
    }

    private void authRefused(Connection c, String reason) {
        current = null;
        cancelTimers(c);
        status = Status.AUTH_FAILED;
        authFailure = reason;
        lastError = "auth refused: " + reason;
        LOG.log(ERROR, "private stream: Bybit refused our API credentials ({0}); not reconnecting until restarted", reason);
        publishState();
        c.ws.close();
        // Event first: whoever waits on start() then also finds the event delivered.
        emit(new PrivateStreamEvent.AuthFailed(reason, System.currentTimeMillis()));
        firstLive.tryFail(new IllegalStateException("private stream auth refused: " + reason));
    }

    private void onSubscribeAck(Connection c, PrivateFrame.Control ack) {
        if (c.phase != Phase.SUBSCRIBE) {
            LOG.log(WARNING, "private stream: ignored a subscribe ack outside subscribing (success={0})", ack.success());
            return;
        }
        if (!ack.success()) {
            String reason = ack.retMsg().isEmpty() ? "subscribe refused (no reason given)" : ack.retMsg();
            emit(new PrivateStreamEvent.SubscribeFailed(topics, reason));
            drop(c, "subscribe refused: " + reason);
            return;
        }
        c.phase = Phase.LIVE;
        status = Status.LIVE;
        lastError = null;
        publishState();
        LOG.log(INFO, "private stream live: subscribed {0} (reconnects: {1})", topics, reconnects);
        emit(new PrivateStreamEvent.Connected(reconnects, System.currentTimeMillis()));
        firstLive.tryComplete();
    }

    private void onBinary(Connection c, int bytes) {
        if (c != current) {
            return;
        }
        c.lastMessageNanos = System.nanoTime();
        lastMessageMs = System.currentTimeMillis();
        LOG.log(WARNING, "private stream: ignored a binary message of {0} bytes (Bybit sends text)", bytes);
    }

    private void onError(Connection c, Throwable err) {
        if (c != current) {
            return;
        }
        // Vert.x closes the socket after fatal errors; the close handler reconnects, and the watchdog
        // covers any error that leaves a socket open but dead.
        c.error = describe(err);
        lastError = "socket error: " + c.error;
        LOG.log(WARNING, "private stream: {0}", lastError);
        publishState();
    }

    private void ping(Connection c) {
        if (c != current) {
            return;
        }
        c.ws.writeTextMessage("{\"req_id\":\"ping-" + (++requestSeq) + "\",\"op\":\"ping\"}");
    }

    private void watchdog(Connection c) {
        if (c != current) {
            return;
        }
        long now = System.nanoTime();
        long silentMs = (now - c.lastMessageNanos) / 1_000_000;
        if (silentMs >= options.stallTimeout().toMillis()) {
            drop(c, "stalled: no message for " + silentMs + " ms");
            return;
        }
        long waitingMs = (now - c.phaseSinceNanos) / 1_000_000;
        if (c.phase != Phase.LIVE && waitingMs >= options.ackTimeout().toMillis()) {
            drop(c, "no " + (c.phase == Phase.AUTH ? "auth answer" : "subscribe ack") + " within " + waitingMs + " ms");
        }
    }

    // ---- helpers ----

    private void emit(PrivateStreamEvent event) {
        if (stopping) {
            return;
        }
        try {
            onEvent.accept(event);
        } catch (RuntimeException e) {
            callbackFailed("event", e);
        }
    }

    /** Logs a throwing callback, throttled to the 1st, 2nd, 4th, 8th … occurrence. */
    private void callbackFailed(String which, RuntimeException e) {
        callbackErrors++;
        if (Long.bitCount(callbackErrors) == 1) {
            LOG.log(ERROR, "private stream: the " + which + " callback threw (" + callbackErrors + " callback failures so far)", e);
        }
    }

    /** Last line of defence: a bug in a handler must not escape into Vert.x and kill the stream silently. */
    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(ERROR, "private stream: internal error in a handler", e);
        }
    }

    private void publishState() {
        snapshot = new PrivateStreamState(status, connectAttempts, reconnects, lastMessageMs, malformedFrames,
                Optional.ofNullable(authFailure), Optional.ofNullable(lastError));
    }

    private long watchdogPeriodMs() {
        // A quarter of the shorter limit: a stall or a missing answer is noticed at most 25 % late.
        long shortest = Math.min(options.stallTimeout().toMillis(), options.ackTimeout().toMillis());
        return Math.max(1, shortest / 4);
    }

    private void cancelTimers(Connection c) {
        cancelTimer(c.pingTimer);
        cancelTimer(c.watchdogTimer);
        c.pingTimer = -1;
        c.watchdogTimer = -1;
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        if (Vertx.currentContext() == context) {
            return action.get();
        }
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(p);
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    private static String quoted(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    private static String closeReason(Connection c) {
        Short code = c.ws.closeStatusCode();
        String reason = c.ws.closeReason();
        String what = code == null ? "connection closed"
                : "closed by peer (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
        return c.error == null ? what : what + " after " + c.error;
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_LOGGED_CHARS ? s : s.substring(0, MAX_LOGGED_CHARS) + "…";
    }

    static URI validated(URI url) {
        String scheme = url.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("url must be ws:// or wss://, got " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + url);
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException("url must not carry a fragment: " + url);
        }
        return url;
    }

    private static WebSocketConnectOptions connectOptions(URI endpoint, StreamOptions options) {
        boolean ssl = "wss".equalsIgnoreCase(endpoint.getScheme());
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : (ssl ? 443 : 80);
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        // Bybit takes options such as max_active_time in the query string; pass it through.
        String uri = endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
        long timeoutMs = options.connectTimeout().toMillis();
        return new WebSocketConnectOptions()
                .setHost(endpoint.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(uri)
                .setConnectTimeout(timeoutMs)
                .setTimeout(timeoutMs);
    }
}
