package dev.meridian.exchange.oanda;

import dev.meridian.config.OandaConfig;
import dev.meridian.exchange.Backoff;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * OANDA's pricing stream for some instruments ({@code GET {streamUrl}/v3/accounts/{id}/pricing/stream
 * ?instruments=EUR_USD,USD_JPY}), kept open until {@link #stop()}.
 *
 * <p><b>Contract.</b>
 * <ul>
 * <li>The answer is HTTP chunked with one JSON object per line; chunks do not follow lines, so the
 *     body is split on {@code \n} (a line may span chunks, a chunk may hold many lines). Each
 *     {@code PRICE} line becomes an {@link OandaPrice} for {@code onPrice}, in arrival order;
 *     {@code HEARTBEAT} lines only prove the connection alive. A line that cannot be read (not JSON,
 *     a PRICE without a field it needs, an unknown type) is counted in {@link #malformedLines()} and
 *     dropped; it never ends the stream.</li>
 * <li>Liveness: when no complete line arrives for {@link OandaStreamOptions#heartbeatTimeout()} (OANDA
 *     sends a heartbeat every 5 s), or the answer does not come within the connect timeout plus that,
 *     the connection is dropped. A dropped, ended or failed connection, and an answer other than 200, is reported as
 *     RECONNECTING with the reason (and the status) and re-opened after a capped, fully jittered
 *     exponential backoff; after a 401 the wait is at least {@link OandaStreamOptions#rejectedRetry()}.
 *     A 200 is reported as CONNECTED.</li>
 * <li>{@code onPrice} and {@code onEvent} run on the event loop of the context that constructed the
 *     stream, must not block, and may throw without harming the stream (the exception is logged).</li>
 * <li>{@link #stop()} cancels every timer, drops the connection and closes the client; afterwards no
 *     price, no event but the final STOPPED, and no reconnect happens. A stream is started at most once.</li>
 * </ul>
 * Public methods may be called from any thread; they hop onto the owning context. The counters are
 * readable anywhere. The token travels only in the {@code Authorization} header, never in a log line.
 */
public final class OandaPricingStream {
    private static final System.Logger LOG = System.getLogger(OandaPricingStream.class.getName());
    private static final int MAX_LOGGED_CHARS = 200;

    private final Vertx vertx;
    private final Context context;
    private final String url;
    private final OandaConfig.Account account;
    private final OandaStreamOptions options;
    private final Consumer<OandaPrice> onPrice;
    private final Consumer<OandaStreamEvent> onEvent;
    private final Backoff backoff;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong prices = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();

    private HttpClientAgent client;
    private Connection current;
    private boolean started;
    // Set before stop() hops onto the event loop, so from the moment stop() is called no price, event or reconnect gets through.
    private volatile boolean stopping;
    private Future<Void> stopped;
    private boolean everConnected;
    private volatile int reconnects;
    private long reconnectTimer = -1;
    private long watchdogTimer = -1;

    /** One attempt: the request once it exists, and when a line last arrived on it. */
    private static final class Connection {
        HttpClientRequest request;
        long lastLineNanos;
        long openedNanos;
        boolean open;

        Connection(long now) {
            this.lastLineNanos = now;
        }
    }

    /**
     * @param streamUrl   stream base, e.g. {@code https://stream-fxpractice.oanda.com} (no trailing slash)
     * @param account     the token and the account whose prices are streamed
     * @param instruments OANDA instrument names, e.g. {@code EUR_USD}; at least one
     * @param onPrice     receives every price
     * @param onEvent     receives connection changes
     */
    public OandaPricingStream(Vertx vertx, URI streamUrl, OandaConfig.Account account, List<String> instruments,
                              OandaStreamOptions options, Consumer<OandaPrice> onPrice, Consumer<OandaStreamEvent> onEvent) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.account = Objects.requireNonNull(account, "account");
        this.options = Objects.requireNonNull(options, "options");
        this.onPrice = Objects.requireNonNull(onPrice, "onPrice");
        this.onEvent = Objects.requireNonNull(onEvent, "onEvent");
        Objects.requireNonNull(streamUrl, "streamUrl");
        if (instruments.isEmpty()) throw new IllegalArgumentException("at least one instrument");
        for (String i : instruments) {
            // They go into the query string unescaped; OANDA's names are upper-case letters, digits and '_'.
            if (!i.matches("[A-Z0-9]+_[A-Z0-9]+")) throw new IllegalArgumentException("not an OANDA instrument name: '" + i + "'");
        }
        if (!account.accountId().matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("an OANDA account id is letters, digits and '-', got '" + account.accountId() + "'");
        }
        String base = streamUrl.toString();
        if (base.endsWith("/")) throw new IllegalArgumentException("streamUrl must not end with '/', got " + base);
        this.url = base + "/v3/accounts/" + account.accountId() + "/pricing/stream?instruments=" + String.join(",", instruments);
        this.context = vertx.getOrCreateContext();
        this.backoff = new Backoff(options.backoffBase().toMillis(), options.backoffMax().toMillis(), options.random());
    }

    /** Starts connecting; the future completes once the first attempt is under way. Connection changes go to {@code onEvent}. */
    public Future<Void> start() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            if (stopping) {
                p.fail(new IllegalStateException("the OANDA pricing stream was stopped; it cannot be restarted"));
                return;
            }
            if (!started) {
                started = true;
                client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout(Math.toIntExact(options.connectTimeout().toMillis())));
                long period = Math.max(1, options.heartbeatTimeout().toMillis() / 4);
                watchdogTimer = vertx.setPeriodic(period, id -> guarded(this::watchdog));
                connect();
            }
            p.complete();
        });
        return p.future();
    }

    /** Stops for good: timers cancelled, connection dropped, client closed. Idempotent. */
    public Future<Void> stop() {
        stopping = true;
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            if (stopped == null) {
                vertx.cancelTimer(reconnectTimer);
                vertx.cancelTimer(watchdogTimer);
                Connection c = current;
                current = null;
                if (c != null && c.request != null) c.request.reset();
                stopped = client == null ? Future.succeededFuture() : client.close().otherwiseEmpty();
                emitAlways(new OandaStreamEvent(OandaStreamEvent.Status.STOPPED, "stopped", OptionalInt.empty(), reconnects,
                        System.currentTimeMillis()));
                LOG.log(INFO, "OANDA pricing stream stopped");
            }
            stopped.onComplete(p);
        });
        return p.future();
    }

    /** Lines that could not be read and were dropped. */
    public long malformedLines() { return malformed.get(); }

    /** Prices delivered so far. */
    public long prices() { return prices.get(); }

    /** Heartbeats received so far. */
    public long heartbeats() { return heartbeats.get(); }

    /** Connections established after the first one. */
    public int reconnects() { return reconnects; }

    // ---- connection lifecycle (event loop only) ----

    private void connect() {
        if (stopping) return;
        Connection c = new Connection(System.nanoTime());
        current = c;
        RequestOptions ro = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setConnectTimeout(options.connectTimeout().toMillis())
                .putHeader("Authorization", "Bearer " + account.token().reveal())
                .putHeader("Accept-Datetime-Format", OandaWire.DATETIME_FORMAT);
        client.request(ro).onComplete(ar -> guarded(() -> {
            if (c != current) {
                if (ar.succeeded()) ar.result().reset();
                return;
            }
            if (ar.failed()) {
                lost(c, "connect failed: " + ar.cause(), OptionalInt.empty());
                return;
            }
            c.request = ar.result();
            c.request.send().onComplete(rar -> guarded(() -> {
                if (c != current) return;
                if (rar.failed()) {
                    lost(c, "request failed: " + rar.cause(), OptionalInt.empty());
                } else if (rar.result().statusCode() != 200) {
                    refused(c, rar.result());
                } else {
                    opened(c, rar.result());
                }
            }));
        }));
    }

    private void opened(Connection c, HttpClientResponse resp) {
        c.open = true;
        c.openedNanos = System.nanoTime();
        c.lastLineNanos = c.openedNanos;
        if (everConnected) reconnects++;
        everConnected = true;
        RecordParser lines = RecordParser.newDelimited("\n", buf -> guarded(() -> onLine(c, buf)));
        lines.maxRecordSize(options.maxLineBytes());
        lines.exceptionHandler(e -> guarded(() -> {
            malformed.incrementAndGet();
            lost(c, "a line longer than " + options.maxLineBytes() + " bytes", OptionalInt.empty());
        }));
        resp.handler(buf -> {
            if (c == current) lines.handle(buf);
        });
        resp.exceptionHandler(e -> guarded(() -> lost(c, "stream failed: " + e, OptionalInt.empty())));
        resp.endHandler(v -> guarded(() -> lost(c, "OANDA ended the stream", OptionalInt.empty())));
        LOG.log(INFO, "OANDA pricing stream connected (reconnects: {0})", reconnects);
        emit(new OandaStreamEvent(OandaStreamEvent.Status.CONNECTED, "connected", OptionalInt.empty(), reconnects,
                System.currentTimeMillis()));
    }

    /** An answer other than 200: its body says why (a 401's "Insufficient authorization ..."). */
    private void refused(Connection c, HttpClientResponse resp) {
        int status = resp.statusCode();
        resp.body().onComplete(b -> guarded(() -> {
            String why = b.succeeded() ? OandaWire.error(b.result()).errorMessage() : "";
            String reason = status == 401
                    ? OandaVenue.TOKEN_REJECTED + (why.isEmpty() ? "" : ": " + why) + "; retrying every "
                    + span(options.rejectedRetry()) + " at the least"
                    : "HTTP " + status + (why.isEmpty() ? "" : ": " + why);
            lost(c, reason, OptionalInt.of(status));
        }));
    }

    /** Handles the end of {@code c}, whatever noticed it first; later notices about it are ignored. */
    private void lost(Connection c, String reason, OptionalInt httpStatus) {
        if (c != current || stopping) return;
        current = null;
        if (c.request != null) c.request.reset();
        long now = System.nanoTime();
        if (c.open && now - c.openedNanos >= options.stableAfter().toNanos()) backoff.reset();
        long delay = Math.max(1, backoff.nextDelayMs());
        if (httpStatus.isPresent() && httpStatus.getAsInt() == 401) delay = Math.max(delay, options.rejectedRetry().toMillis());
        long wait = delay;
        LOG.log(WARNING, "OANDA pricing stream: {0}; reconnecting in {1} ms", reason, wait);
        emit(new OandaStreamEvent(OandaStreamEvent.Status.RECONNECTING, reason, httpStatus, reconnects, System.currentTimeMillis()));
        reconnectTimer = vertx.setTimer(wait, id -> guarded(() -> {
            reconnectTimer = -1;
            connect();
        }));
    }

    private void watchdog() {
        Connection c = current;
        if (c == null || stopping) return;
        long silentMs = (System.nanoTime() - c.lastLineNanos) / 1_000_000;
        // Before the answer, the connect and TLS handshake (bounded by the connect timeout) come on top of OANDA's own delay.
        long limitMs = options.heartbeatTimeout().toMillis() + (c.open ? 0 : options.connectTimeout().toMillis());
        if (silentMs >= limitMs) {
            lost(c, (c.open ? "no price or heartbeat for " : "no answer for ") + silentMs + " ms", OptionalInt.empty());
        }
    }

    private void onLine(Connection c, Buffer buf) {
        if (c != current || stopping) return;
        String text = buf.toString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return;
        c.lastLineNanos = System.nanoTime();
        OandaWire.Line line = OandaWire.line(text);
        if (line instanceof OandaWire.Price p) {
            prices.incrementAndGet();
            onPrice.accept(p.price());
        } else if (line instanceof OandaWire.Heartbeat) {
            heartbeats.incrementAndGet();
        } else {
            long n = malformed.incrementAndGet();
            // Logged at the 1st, 2nd, 4th, 8th ... so a flood of bad lines cannot flood the log.
            if (Long.bitCount(n) == 1) {
                LOG.log(WARNING, "OANDA pricing stream: dropped line {0} ({1}): {2}", n, ((OandaWire.Unusable) line).why(),
                        text.length() > MAX_LOGGED_CHARS ? text.substring(0, MAX_LOGGED_CHARS) + "..." : text);
            }
        }
    }

    private static String span(java.time.Duration d) {
        return d.toMillis() < 1000 || d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private void emit(OandaStreamEvent e) {
        if (!stopping) emitAlways(e);
    }

    private void emitAlways(OandaStreamEvent e) {
        try {
            onEvent.accept(e);
        } catch (RuntimeException ex) {
            LOG.log(WARNING, "OANDA pricing stream: the event callback failed", ex);
        }
    }

    /** Runs {@code r}, logging what it throws: a callback's bug must not kill the stream. */
    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "OANDA pricing stream: a callback failed", e);
        }
    }
}
