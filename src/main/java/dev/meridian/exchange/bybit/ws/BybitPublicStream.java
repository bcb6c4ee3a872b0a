package dev.meridian.exchange.bybit.ws;

import dev.meridian.exchange.Backoff;
import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.ws.StreamState.Status;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
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
 * One resilient connection to a Bybit V5 public stream ({@code baseUri + "/v5/public/" + category}),
 * kept open until {@link #stop()}.
 *
 * <p><b>Contract.</b>
 * <ul>
 * <li>Every inbound text frame that is not a control frame (ack, pong, other answer to our requests)
 *     goes to {@code onDataFrame} verbatim, in arrival order — including frames that are not valid
 *     JSON, which the decoder counts as malformed. Control frames never reach it.</li>
 * <li>{@code onDataFrame} and {@code onEvent} run on the event loop of the context that constructed
 *     the stream (the owning verticle's), must not block, and may throw without harming the stream
 *     (the exception is logged).</li>
 * <li>The desired topic set ({@link #subscribe}/{@link #unsubscribe}, idempotent) survives
 *     reconnects: every new connection subscribes all of it, cut to Bybit's request limits. Acks are
 *     checked; refusals are recorded in {@link StreamState#failed()} and reported as
 *     {@link StreamEvent.SubscribeFailed}. Retry policy, never a loop: a multi-topic request refused
 *     as a whole is re-sent once topic by topic (so one delisted symbol can't block the rest); a
 *     topic refused on its own, or unacknowledged within the ack timeout, stays failed until the next
 *     connection or until the owner subscribes it again. A refused unsubscribe is only logged: the
 *     topic has left the desired set either way.</li>
 * <li>Liveness: {@code {"req_id":"ping-N","op":"ping"}} every ping interval; if nothing at all arrives
 *     for the stall timeout the connection is dropped. A lost connection emits
 *     {@link StreamEvent.Disconnected} and is re-opened after a capped, fully jittered exponential
 *     backoff; success emits {@link StreamEvent.Connected}.</li>
 * <li>{@link #stop()} cancels every timer, closes the socket and the client; afterwards no event,
 *     no data callback and no reconnect happens. A stream is started at most once.</li>
 * </ul>
 * Public methods may be called from any thread; they hop onto the owning context. {@link #state()}
 * is a snapshot readable anywhere. Nothing here blocks.
 */
public final class BybitPublicStream {
    private static final System.Logger LOG = System.getLogger(BybitPublicStream.class.getName());
    // Seconds Vert.x waits for the peer's close frame before cutting TCP: a stalled peer never answers,
    // and stop() should not hang on it for Vert.x's default 10 s.
    private static final int CLOSING_TIMEOUT_S = 2;
    private static final int MAX_LOGGED_CHARS = 300;

    private final Vertx vertx;
    private final Context context;
    private final Category category;
    private final URI endpoint;
    private final StreamOptions options;
    private final Consumer<String> onDataFrame;
    private final Consumer<StreamEvent> onEvent;
    private final SubscriptionTracker tracker;
    private final Backoff backoff;
    private final WebSocketConnectOptions connectOptions;
    private final Promise<Void> firstConnection = Promise.promise();

    private WebSocketClient client;
    private Connection current;
    private Status status = Status.STOPPED;
    private boolean started;
    // Volatile and set before stop() hops onto the event loop, so that from the moment stop() is called,
    // on any thread or context, no further frame, event or reconnect gets through.
    private volatile boolean stopping;
    private Future<Void> stopped;
    private boolean everConnected;
    private int reconnects;
    private long reconnectTimer = -1;
    private long pingSeq;
    private long callbackErrors;
    private String lastError;

    private volatile StreamState snapshot;
    private volatile long lastMessageMs;

    /** One WebSocket and its timers; handlers of a socket that is no longer {@code current} do nothing. */
    private static final class Connection {
        final WebSocket ws;
        final long openedNanos;
        long lastMessageNanos;
        String error;
        long pingTimer = -1;
        long watchdogTimer = -1;

        Connection(WebSocket ws, long openedNanos) {
            this.ws = ws;
            this.openedNanos = openedNanos;
            this.lastMessageNanos = openedNanos;
        }
    }

    /**
     * @param vertx       the Vert.x instance; the stream binds to the caller's context (or a new
     *                    event-loop context when called off Vert.x threads)
     * @param baseUri     {@code ws://} or {@code wss://} host (and optional path prefix), e.g.
     *                    {@code wss://stream.bybit.com}
     * @param category    which public stream
     * @param options     timing and limits; {@link StreamOptions#defaults()} in production
     * @param onDataFrame receives every non-control text frame
     * @param onEvent     receives connection and subscription events
     */
    public BybitPublicStream(Vertx vertx, URI baseUri, Category category, StreamOptions options,
                             Consumer<String> onDataFrame, Consumer<StreamEvent> onEvent) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.category = Objects.requireNonNull(category, "category");
        this.options = Objects.requireNonNull(options, "options");
        this.onDataFrame = Objects.requireNonNull(onDataFrame, "onDataFrame");
        this.onEvent = Objects.requireNonNull(onEvent, "onEvent");
        this.endpoint = endpoint(Objects.requireNonNull(baseUri, "baseUri"), category);
        this.context = vertx.getOrCreateContext();
        this.tracker = new SubscriptionTracker(category);
        this.backoff = new Backoff(options.backoffBase().toMillis(), options.backoffMax().toMillis(), options.random());
        this.connectOptions = connectOptions(endpoint, options);
        publishState();
    }

    /** The full stream URL, e.g. {@code wss://stream.bybit.com/v5/public/spot}. */
    public URI endpoint() {
        return endpoint;
    }

    public Category category() {
        return category;
    }

    /**
     * Starts connecting. The future completes when the first connection is up; network failures do
     * not fail it (the stream keeps retrying; watch {@link #state()}), only a {@link #stop()} before
     * that does. Calling it again returns the same future.
     */
    public Future<Void> start() {
        return onContext(() -> {
            if (stopping) {
                return Future.failedFuture(new IllegalStateException("stream " + endpoint + " was stopped; it cannot be restarted"));
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
            return firstConnection.future();
        });
    }

    /**
     * Stops for good: cancels timers, closes the connection (clean close, bounded by a short closing
     * timeout) and the client. Idempotent; the future completes when everything is closed.
     */
    public Future<Void> stop() {
        stopping = true;
        return onContext(() -> {
            if (stopped != null) {
                return stopped;
            }
            status = Status.STOPPED;
            cancelTimer(reconnectTimer);
            reconnectTimer = -1;
            firstConnection.tryFail(new IllegalStateException("stream " + endpoint + " stopped before its first connection"));
            Connection c = current;
            current = null;
            Future<Void> socketClosed = Future.succeededFuture();
            if (c != null) {
                cancelTimers(c);
                tracker.onDisconnected();
                socketClosed = c.ws.close().otherwiseEmpty();
            }
            WebSocketClient cl = client;
            stopped = socketClosed
                    .compose(v -> cl == null ? Future.<Void>succeededFuture() : cl.close().otherwiseEmpty())
                    .onComplete(v -> LOG.log(INFO, "{0} stream stopped", category.wire()));
            publishState();
            return stopped;
        });
    }

    /**
     * Adds topics to the desired set (topics already there are ignored, except failed ones, which are
     * retried). They are subscribed now if connected, else on the next connection.
     *
     * @throws IllegalArgumentException if a topic is null or blank
     */
    public void subscribe(Collection<String> topics) {
        List<String> copy = validated(topics);
        runOnContext(() -> {
            if (!stopping) {
                apply(current, tracker.subscribe(copy, System.nanoTime()));
            }
        });
    }

    /**
     * Removes topics from the desired set, unsubscribing those the server may hold. Unknown topics are
     * ignored.
     *
     * @throws IllegalArgumentException if a topic is null or blank
     */
    public void unsubscribe(Collection<String> topics) {
        List<String> copy = validated(topics);
        runOnContext(() -> {
            if (!stopping) {
                apply(current, tracker.unsubscribe(copy, System.nanoTime()));
            }
        });
    }

    /** A snapshot of status, counters and topic sets; safe from any thread. */
    public StreamState state() {
        return snapshot.withLastMessageMs(lastMessageMs);
    }

    // ---- connection lifecycle (event loop only) ----

    private void connect() {
        if (stopping) {
            return;
        }
        LOG.log(DEBUG, "{0} stream: connecting to {1}", category.wire(), endpoint);
        Future<WebSocket> attempt;
        try {
            attempt = client.connect(connectOptions);
        } catch (RuntimeException e) {
            attempt = Future.failedFuture(e);
        }
        attempt.onComplete(ar -> {
            if (stopping) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                lastError = "connect failed: " + describe(ar.cause());
                LOG.log(WARNING, "{0} stream: {1} ({2})", category.wire(), lastError, endpoint);
                publishState();
                scheduleReconnect();
            } else {
                opened(ar.result());
            }
        });
    }

    private void opened(WebSocket ws) {
        long now = System.nanoTime();
        Connection c = new Connection(ws, now);
        current = c;
        if (everConnected) {
            reconnects++;
        }
        everConnected = true;
        status = Status.CONNECTED;
        ws.textMessageHandler(text -> guarded(() -> onText(c, text)));
        ws.binaryMessageHandler(buf -> guarded(() -> onBinary(c, buf.length())));
        ws.exceptionHandler(err -> guarded(() -> onError(c, err)));
        ws.closeHandler(v -> guarded(() -> lost(c, closeReason(c))));
        c.pingTimer = vertx.setPeriodic(options.pingInterval().toMillis(), id -> guarded(() -> ping(c)));
        c.watchdogTimer = vertx.setPeriodic(watchdogPeriodMs(), id -> guarded(() -> watchdog(c)));
        LOG.log(INFO, "{0} stream connected to {1} (reconnects: {2}, topics: {3})",
                category.wire(), endpoint, reconnects, tracker.desired().size());
        apply(c, tracker.onConnected(now));
        firstConnection.tryComplete();
        emit(new StreamEvent.Connected(category, reconnects, System.currentTimeMillis()));
        if (ws.isClosed()) {
            // Closed before our close handler was in place: it will never fire for this socket.
            lost(c, closeReason(c));
        }
    }

    /** Handles the loss of {@code c}, whatever noticed it first; later notices about it are ignored. */
    private void lost(Connection c, String reason) {
        if (c != current || stopping) {
            return;
        }
        current = null;
        cancelTimers(c);
        tracker.onDisconnected();
        if (System.nanoTime() - c.openedNanos >= options.stableAfter().toNanos()) {
            backoff.reset();
        }
        status = Status.RECONNECTING;
        lastError = reason;
        long last = lastMessageMs;
        LOG.log(WARNING, "{0} stream disconnected: {1}; last message: {2}",
                category.wire(), reason, last == 0 ? "never" : (System.currentTimeMillis() - last) + " ms ago");
        publishState();
        emit(new StreamEvent.Disconnected(category, reason, last, System.currentTimeMillis()));
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (stopping) {
            return;
        }
        int attempt = backoff.attempts() + 1;
        // Vert.x timers need at least 1 ms; a 0 ms draw of the jitter just means "now".
        long delay = Math.max(1, backoff.nextDelayMs());
        LOG.log(INFO, "{0} stream: attempt {1} in {2} ms", category.wire(), attempt, delay);
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
        ControlFrame control = ControlFrame.parse(text);
        if (control == null) {
            try {
                onDataFrame.accept(text);
            } catch (RuntimeException e) {
                callbackFailed("data", e);
            }
            return;
        }
        switch (control.kind()) {
            case PONG -> {
                // Liveness is already recorded above; a pong carries nothing else.
            }
            case ACK -> apply(c, tracker.onAck(control, c.lastMessageNanos));
            case OTHER -> LOG.log(WARNING, "{0} stream: unexpected answer from the server: {1}",
                    category.wire(), truncate(text));
        }
    }

    private void onBinary(Connection c, int bytes) {
        if (c != current) {
            return;
        }
        c.lastMessageNanos = System.nanoTime();
        lastMessageMs = System.currentTimeMillis();
        LOG.log(WARNING, "{0} stream: ignored a binary message of {1} bytes (Bybit sends text)", category.wire(), bytes);
    }

    private void onError(Connection c, Throwable err) {
        if (c != current) {
            return;
        }
        // Vert.x closes the socket after fatal errors; the close handler reconnects, and the stall
        // watchdog covers any error that leaves a socket open but dead.
        c.error = describe(err);
        lastError = "socket error: " + c.error;
        LOG.log(WARNING, "{0} stream: {1}", category.wire(), lastError);
        publishState();
    }

    private void ping(Connection c) {
        if (c != current) {
            return;
        }
        c.ws.writeTextMessage("{\"req_id\":\"ping-" + (++pingSeq) + "\",\"op\":\"ping\"}");
    }

    private void watchdog(Connection c) {
        if (c != current) {
            return;
        }
        long now = System.nanoTime();
        long silentMs = (now - c.lastMessageNanos) / 1_000_000;
        if (silentMs >= options.stallTimeout().toMillis()) {
            lost(c, "stalled: no message for " + silentMs + " ms");
            // Not awaited: a stalled peer won't answer the close handshake; Vert.x cuts TCP after the closing timeout.
            c.ws.close();
            return;
        }
        apply(c, tracker.expire(now, options.ackTimeout().toNanos()));
    }

    /** Publishes the tracker's new state, writes the outcome's requests on {@code c} (if still current), reports failures. */
    private void apply(Connection c, SubscriptionTracker.Outcome outcome) {
        // First, so that whoever sees a request's effect (the server, an event handler) also sees it in state().
        publishState();
        if (c != null && c == current) {
            for (SubscriptionTracker.Request r : outcome.toSend()) {
                LOG.log(DEBUG, "{0} stream: {1} {2} topics (req_id {3})", category.wire(), r.op(), r.topics().size(), r.reqId());
                c.ws.writeTextMessage(r.json());
            }
        }
        for (SubscriptionTracker.Failure f : outcome.failures()) {
            LOG.log(WARNING, "{0} stream: {1} failed for {2}: {3}", category.wire(), f.op(), f.topics(), f.reason());
            if (SubscriptionTracker.SUBSCRIBE.equals(f.op())) {
                emit(new StreamEvent.SubscribeFailed(category, f.topics(), f.reason()));
            }
        }
    }

    // ---- helpers ----

    private void emit(StreamEvent event) {
        if (stopping) {
            return;
        }
        try {
            onEvent.accept(event);
        } catch (RuntimeException e) {
            callbackFailed("event", e);
        }
    }

    /** Logs a throwing callback, throttled to the 1st, 2nd, 4th, 8th … occurrence so a broken decoder can't flood the log. */
    private void callbackFailed(String which, RuntimeException e) {
        callbackErrors++;
        if (Long.bitCount(callbackErrors) == 1) {
            LOG.log(ERROR, category.wire() + " stream: the " + which + " callback threw (" + callbackErrors
                    + " callback failures so far)", e);
        }
    }

    /** Last line of defence: a bug in a handler must not escape into Vert.x and kill the stream silently. */
    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(ERROR, category.wire() + " stream: internal error in a handler", e);
        }
    }

    private void publishState() {
        snapshot = new StreamState(category, status, reconnects, 0, tracker.desired(), tracker.subscribed(),
                tracker.failed(), Optional.ofNullable(lastError));
    }

    private long watchdogPeriodMs() {
        // A quarter of the stall timeout: a stall is noticed at most 25 % late, at four cheap checks per period.
        return Math.max(1, options.stallTimeout().toMillis() / 4);
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

    private void runOnContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            guarded(action);
        } else {
            context.runOnContext(v -> guarded(action));
        }
    }

    private static List<String> validated(Collection<String> topics) {
        Objects.requireNonNull(topics, "topics");
        List<String> copy = new ArrayList<>(topics.size());
        for (String t : topics) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("topics must be non-blank, got " + topics);
            }
            copy.add(t);
        }
        return copy;
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

    static URI endpoint(URI baseUri, Category category) {
        String scheme = baseUri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("baseUri must be ws:// or wss://, got " + baseUri);
        }
        if (baseUri.getHost() == null) {
            throw new IllegalArgumentException("baseUri has no host: " + baseUri);
        }
        if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUri must not carry a query or fragment: " + baseUri);
        }
        String base = baseUri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/v5/public/" + category.wire());
    }

    private static WebSocketConnectOptions connectOptions(URI endpoint, StreamOptions options) {
        boolean ssl = "wss".equalsIgnoreCase(endpoint.getScheme());
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : (ssl ? 443 : 80);
        long timeoutMs = options.connectTimeout().toMillis();
        WebSocketConnectOptions o = new WebSocketConnectOptions()
                .setHost(endpoint.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(endpoint.getRawPath())
                .setConnectTimeout(timeoutMs)
                .setTimeout(timeoutMs);
        return o;
    }
}
