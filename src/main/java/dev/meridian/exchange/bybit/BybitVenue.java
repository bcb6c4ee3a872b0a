package dev.meridian.exchange.bybit;

import dev.meridian.config.BybitConfig;
import dev.meridian.core.Category;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.bybit.parse.BybitOrderUpdate;
import dev.meridian.exchange.bybit.parse.BybitTradeExecution;
import dev.meridian.exchange.bybit.parse.PrivateEvent;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitOrder;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.rest.PlaceResult;
import dev.meridian.exchange.bybit.ws.BybitPrivateStream;
import dev.meridian.exchange.bybit.ws.PrivateStreamEvent;
import dev.meridian.exchange.bybit.ws.PrivateStreamState;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What every Bybit venue (one per category: spot, linear, option) shares: the signed REST client
 * and the private stream, readiness (REST active and the stream's key not refused; a refused key
 * makes the venue not ready with the reason, never a crash loop), order lookup, open orders and
 * executions in its category, order updates and trade executions of its category from the stream,
 * and delivery of every event on the context that called {@link #start()}.
 *
 * <p>A subclass says what to load before the stream starts ({@link #prepare()}), which private
 * topics it needs, how a fill's fees read in its category ({@link #live}), how it places an order,
 * and what it does with the stream's other events of its category ({@link #onOtherPrivate}).
 */
abstract class BybitVenue implements LiveVenue {
    private static final Logger LOG = Logger.getLogger(BybitVenue.class.getName());
    /** Executions are searched from a little before the request, as the venue's clock may differ. */
    static final long EXECUTION_LOOKBACK_MS = 5 * 60_000L;

    protected final BybitTradingClient client;
    protected final BybitMarketRest market;
    private final Category category;
    private final List<String> topics;
    private final Vertx vertx;
    private final URI privateUrl;
    private final BybitConfig.Credentials credentials;
    private final StreamOptions streamOptions;
    private final Clock clock;
    private Consumer<Event> handler = e -> {};
    private Context context;
    private BybitPrivateStream stream;
    private String startProblem = "not started";

    BybitVenue(Category category, List<String> topics, Vertx vertx, BybitTradingClient client, BybitMarketRest market,
               URI privateUrl, BybitConfig.Credentials credentials, StreamOptions streamOptions, Clock clock) {
        this.category = Objects.requireNonNull(category, "category");
        this.topics = List.copyOf(topics);
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.client = Objects.requireNonNull(client, "client");
        this.market = Objects.requireNonNull(market, "market");
        this.privateUrl = Objects.requireNonNull(privateUrl, "privateUrl");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.streamOptions = Objects.requireNonNull(streamOptions, "streamOptions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What to load (instrument filters, account settings) after the clock is synced and before the stream starts. */
    protected abstract Future<Void> prepare();

    /** What {@link #prepare()} loaded, for the ready line of the log. */
    protected abstract String readyDetail();

    /** A fill of this category as the router books it (fees split into base and quote). */
    protected abstract LiveExecution live(Execution e);

    /** A private-stream event of this category other than an order update or a trade execution. */
    protected void onOtherPrivate(PrivateEvent e) {
    }

    @Override
    public final boolean ready() {
        return startProblem == null && client.status().active() && stream != null
                && stream.state().status() != PrivateStreamState.Status.AUTH_FAILED;
    }

    @Override
    public final String status() {
        if (startProblem != null) return startProblem;
        if (!client.status().active()) return "REST " + client.status().state() + ": " + client.status().reason();
        PrivateStreamState s = stream.state();
        if (s.status() == PrivateStreamState.Status.AUTH_FAILED) return "private stream refused the key: " + s.authFailure().orElse("");
        return "ready (private stream " + s.status() + ")";
    }

    @Override
    public final void onEvent(Consumer<Event> h) { this.handler = Objects.requireNonNull(h, "handler"); }

    /** Not ready until it succeeds; a failure stays in {@link #status()} (the router logs it). */
    @Override
    public final Future<Void> start() {
        context = Vertx.currentContext();
        return client.syncTime()
                .compose(offset -> prepare())
                .compose(v -> {
                    stream = new BybitPrivateStream(vertx, privateUrl, credentials, streamOptions, clock, topics,
                            this::onPrivate, this::onStreamEvent);
                    return stream.start();
                })
                .onSuccess(v -> {
                    startProblem = null;
                    LOG.info(name() + " ready: " + readyDetail() + ", clock offset " + client.offsetMs() + " ms");
                })
                .onFailure(e -> startProblem = "start failed: " + e.getMessage());
    }

    @Override
    public final Future<Void> stop() {
        Future<Void> s = stream == null ? Future.succeededFuture() : stream.stop();
        return s.onComplete(x -> client.close());
    }

    @Override
    public final Future<Optional<VenueOrder>> lookup(OrderRequest r) {
        // Bybit needs a symbol (or settle coin) to find a linear or option order.
        return client.orderByLinkId(category, r.symbol(), r.orderLinkId()).map(o -> o.map(BybitVenue::venueOrder));
    }

    @Override
    public final Future<List<VenueOrder>> openOrders() {
        return client.openOrders(category).map(list -> list.stream().map(BybitVenue::venueOrder).toList());
    }

    @Override
    public final Future<List<LiveExecution>> executions(OrderRequest r) {
        return client.executions(category, r.timeMs() - EXECUTION_LOOKBACK_MS).map(list -> list.stream()
                .filter(e -> e.orderLinkId().equals(r.orderLinkId()))
                .map(this::live)
                .toList());
    }

    private static VenueOrder venueOrder(BybitOrder o) {
        return new VenueOrder(o.orderLinkId(), o.status(), o.cumExecQty(), o.rawStatus());
    }

    /** The router's view of a REST placement. */
    static PlaceOutcome outcome(PlaceResult p) {
        if (p instanceof PlaceResult.Placed x) return new PlaceOutcome(Placed.PLACED, "orderId " + x.id());
        if (p instanceof PlaceResult.AlreadyPlaced) return new PlaceOutcome(Placed.ALREADY_PLACED, "duplicate orderLinkId: already at the venue");
        if (p instanceof PlaceResult.Rejected x) return new PlaceOutcome(Placed.REJECTED, x.retCode() + " " + x.retMsg());
        if (p instanceof PlaceResult.Skipped x) return new PlaceOutcome(Placed.SKIPPED, x.reason());
        if (p instanceof PlaceResult.Disabled x) return new PlaceOutcome(Placed.DISABLED, x.reason());
        if (p instanceof PlaceResult.LockedOut x) return new PlaceOutcome(Placed.DISABLED, "HTTP 403: all requests stopped until " + x.untilMs());
        throw new IllegalStateException("unknown place result " + p);
    }

    private void onPrivate(PrivateEvent e) {
        String wire = category.wire();
        if (e instanceof BybitOrderUpdate u) {
            if (!wire.equals(u.category())) return;
            String reason = !isBlank(u.rejectReason()) && !"EC_NoError".equals(u.rejectReason()) ? u.rejectReason()
                    : isBlank(u.cancelType()) || "UNKNOWN".equals(u.cancelType()) ? u.bybitStatus() : u.cancelType();
            deliver(new OrderUpdate(new VenueOrder(u.orderLinkId(), u.status(), u.cumExecQty(), reason)));
        } else if (e instanceof BybitTradeExecution t) {
            if (wire.equals(t.category())) deliver(new Executed(live(t.execution())));
        } else {
            onOtherPrivate(e);
        }
    }

    private void onStreamEvent(PrivateStreamEvent e) {
        if (e instanceof PrivateStreamEvent.AuthFailed f) {
            deliver(new StatusChanged(false, "private stream refused the key: " + f.reason()));
        } else if (e instanceof PrivateStreamEvent.Disconnected d) {
            deliver(new StatusChanged(ready(), "private stream disconnected (" + d.reason() + "); orders are reconciled over REST"));
        } else if (e instanceof PrivateStreamEvent.Connected c && c.reconnectCount() > 0) {
            deliver(new StatusChanged(ready(), "private stream reconnected"));
        }
    }

    /** Hands an event to the router on its context; dropped before {@link #start()} (nobody listens yet). */
    protected final void deliver(Event e) {
        Context c = context;
        if (c == null) return;
        c.runOnContext(v -> handler.accept(e));
    }

    private static boolean isBlank(String s) { return s == null || s.isBlank(); }
}
