package dev.meridian.exchange.bybit;

import dev.meridian.config.BybitConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.bybit.parse.BybitOrderUpdate;
import dev.meridian.exchange.bybit.parse.BybitTradeExecution;
import dev.meridian.exchange.bybit.parse.PrivateEvent;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitOrder;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.rest.Filters;
import dev.meridian.exchange.bybit.rest.PlaceResult;
import dev.meridian.exchange.bybit.rest.WalletBalance;
import dev.meridian.exchange.bybit.ws.BybitPrivateStream;
import dev.meridian.exchange.bybit.ws.PrivateStreamEvent;
import dev.meridian.exchange.bybit.ws.PrivateStreamState;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import dev.meridian.exchange.WalletBalanceSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Bybit spot as a {@link LiveVenue}: orders through the signed REST client (idempotent on
 * {@code orderLinkId}, retCode policy in {@link BybitTradingClient}), order updates and executions
 * from the private stream, instrument filters (tick size, base step, minimum quantity and value)
 * from the public instruments endpoint at start. Ready while the REST client is active (keys
 * accepted, not locked out) and the private stream has not been refused; a refused key makes it
 * not ready with the reason — never a crash loop. Every callback reaches the router on the context
 * that called {@link #start()}. Also the LIVE wallet source of the SPOT sub-ledger.
 */
public final class BybitSpotVenue implements LiveVenue, WalletBalanceSource {
    private static final Logger LOG = Logger.getLogger(BybitSpotVenue.class.getName());
    public static final String NAME = "bybit-spot";
    /** Executions are searched from a little before the request, as the venue's clock may differ. */
    private static final long EXECUTION_LOOKBACK_MS = 5 * 60_000L;

    private final Vertx vertx;
    private final BybitTradingClient client;
    private final BybitMarketRest market;
    private final URI privateUrl;
    private final BybitConfig.Credentials credentials;
    private final StreamOptions streamOptions;
    private final Clock clock;
    private final Map<String, Filters> filters = new HashMap<>();
    private Consumer<Event> handler = e -> {};
    private Context context;
    private BybitPrivateStream stream;
    private String startProblem = "not started";

    public BybitSpotVenue(Vertx vertx, BybitTradingClient client, BybitMarketRest market, URI privateUrl,
                          BybitConfig.Credentials credentials, StreamOptions streamOptions, Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.market = market;
        this.privateUrl = privateUrl;
        this.credentials = credentials;
        this.streamOptions = streamOptions;
        this.clock = clock;
    }

    @Override public String name() { return NAME; }

    @Override public boolean trades(AssetClass assetClass) { return assetClass == AssetClass.SPOT; }

    @Override
    public boolean ready() {
        return startProblem == null && client.status().active() && stream != null
                && stream.state().status() != PrivateStreamState.Status.AUTH_FAILED;
    }

    @Override
    public String status() {
        if (startProblem != null) return startProblem;
        if (!client.status().active()) return "REST " + client.status().state() + ": " + client.status().reason();
        PrivateStreamState s = stream.state();
        if (s.status() == PrivateStreamState.Status.AUTH_FAILED) return "private stream refused the key: " + s.authFailure().orElse("");
        return "ready (private stream " + s.status() + ")";
    }

    @Override public void onEvent(Consumer<Event> h) { this.handler = h; }

    @Override
    public Future<Void> start() {
        context = Vertx.currentContext();
        return client.syncTime()
                .compose(offset -> market.instruments(Category.SPOT))
                .compose(list -> {
                    for (Instrument i : list) {
                        filters.put(i.symbol(), new Filters(i.tickSize(), i.qtyStep(), i.minOrderQty(), i.minOrderAmt()));
                    }
                    stream = new BybitPrivateStream(vertx, privateUrl, credentials, streamOptions, clock, this::onPrivate,
                            this::onStreamEvent);
                    return stream.start();
                })
                .onSuccess(v -> {
                    startProblem = null;
                    LOG.info(NAME + " ready: " + filters.size() + " spot instruments, clock offset " + client.offsetMs() + " ms");
                })
                .onFailure(e -> startProblem = "start failed: " + e.getMessage());
    }

    @Override
    public Future<Void> stop() {
        Future<Void> s = stream == null ? Future.succeededFuture() : stream.stop();
        return s.onComplete(x -> client.close());
    }

    @Override
    public Future<PlaceOutcome> place(OrderRequest r) {
        Filters f = filters.get(r.symbol());
        if (f == null) return Future.succeededFuture(new PlaceOutcome(Placed.SKIPPED, "no instrument filters for " + r.symbol()));
        return client.place(r, f).map(BybitSpotVenue::outcome);
    }

    static PlaceOutcome outcome(PlaceResult p) {
        if (p instanceof PlaceResult.Placed x) return new PlaceOutcome(Placed.PLACED, "orderId " + x.id());
        if (p instanceof PlaceResult.AlreadyPlaced) return new PlaceOutcome(Placed.ALREADY_PLACED, "duplicate orderLinkId: already at the venue");
        if (p instanceof PlaceResult.Rejected x) return new PlaceOutcome(Placed.REJECTED, x.retCode() + " " + x.retMsg());
        if (p instanceof PlaceResult.Skipped x) return new PlaceOutcome(Placed.SKIPPED, x.reason());
        if (p instanceof PlaceResult.Disabled x) return new PlaceOutcome(Placed.DISABLED, x.reason());
        if (p instanceof PlaceResult.LockedOut x) return new PlaceOutcome(Placed.DISABLED, "HTTP 403: all requests stopped until " + x.untilMs());
        throw new IllegalStateException("unknown place result " + p);
    }

    @Override
    public Future<Optional<VenueOrder>> lookup(OrderRequest r) {
        return client.orderByLinkId(Category.SPOT, r.symbol(), r.orderLinkId()).map(o -> o.map(BybitSpotVenue::venueOrder));
    }

    @Override
    public Future<List<VenueOrder>> openOrders() {
        return client.openOrders(Category.SPOT).map(list -> list.stream().map(BybitSpotVenue::venueOrder).toList());
    }

    private static VenueOrder venueOrder(BybitOrder o) {
        return new VenueOrder(o.orderLinkId(), o.status(), o.cumExecQty(), o.rawStatus());
    }

    @Override
    public Future<List<LiveExecution>> executions(OrderRequest r) {
        return client.executions(Category.SPOT, r.timeMs() - EXECUTION_LOOKBACK_MS).map(list -> list.stream()
                .filter(e -> e.orderLinkId().equals(r.orderLinkId()))
                .map(BybitSpotVenue::live)
                .toList());
    }

    private static LiveExecution live(Execution e) {
        return new LiveExecution(e.orderLinkId(), e.execId(), e.qty(), e.price(), e.feeInBase(), e.fee(), e.timeMs());
    }

    private void onPrivate(PrivateEvent e) {
        if (e instanceof BybitOrderUpdate u && "spot".equals(u.category())) {
            String reason = !isBlank(u.rejectReason()) && !"EC_NoError".equals(u.rejectReason()) ? u.rejectReason()
                    : isBlank(u.cancelType()) || "UNKNOWN".equals(u.cancelType()) ? u.bybitStatus() : u.cancelType();
            deliver(new OrderUpdate(new VenueOrder(u.orderLinkId(), u.status(), u.cumExecQty(), reason)));
        } else if (e instanceof BybitTradeExecution t && "spot".equals(t.category())) {
            deliver(new Executed(live(t.execution())));
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

    private void deliver(Event e) {
        Context c = context;
        if (c == null) return;
        c.runOnContext(v -> handler.accept(e));
    }

    private static boolean isBlank(String s) { return s == null || s.isBlank(); }

    /**
     * The unified account's total equity in USD, as the upper bound of the SPOT sub-ledger (wallet
     * sync): it includes the coins the sub-ledger holds, so a position never looks like lost equity.
     */
    @Override
    public Future<Map<String, BigDecimal>> balances() {
        return client.walletBalance().map(w -> Map.of(NAME, w.totalEquity()));
    }

    @Override
    public Map<AssetClass, String> venueOf() { return Map.of(AssetClass.SPOT, NAME); }
}
