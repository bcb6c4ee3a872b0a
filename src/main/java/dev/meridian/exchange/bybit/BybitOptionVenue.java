package dev.meridian.exchange.bybit;

import dev.meridian.config.BybitConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderType;
import dev.meridian.exchange.bybit.parse.BybitNonTradeExecution;
import dev.meridian.exchange.bybit.parse.BybitOrderUpdate;
import dev.meridian.exchange.bybit.parse.BybitTradeExecution;
import dev.meridian.exchange.bybit.parse.PrivateEvent;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitOrder;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.rest.Filters;
import dev.meridian.exchange.bybit.rest.OptionSymbol;
import dev.meridian.exchange.bybit.ws.BybitPrivateStream;
import dev.meridian.exchange.bybit.ws.PrivateStreamEvent;
import dev.meridian.exchange.bybit.ws.PrivateStreamState;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Bybit options ({@code category=option}) as a {@link LiveVenue} trading {@link AssetClass#OPTIONS}:
 * the same signed REST client and idempotency rules as {@link BybitSpotVenue} and
 * {@link BybitLinearVenue} (one {@code orderLinkId} per intent, an ambiguous create is looked up by
 * {@code orderLinkId} and symbol before any resend, "already placed" is a success).
 *
 * <p><b>Orders are IOC limits.</b> Bybit's create-order page lists {@code Market} and {@code Limit}
 * for every category and names no ban on option market orders, but its market-order protection
 * (the slippage band that turns a market order into an IOC limit near the mark, and the
 * {@code slippageTolerance} parameter) is described for the futures and spot systems, not options.
 * Option books are thin and wide, so a market order could fill far from any price the package was
 * judged at. This venue therefore accepts only {@link OrderType#LIMIT} requests with
 * {@link OrderRequest#ioc()} set: they fill at the request's limit price or better at once, and
 * the rest is cancelled, never left resting where nobody watches it. Anything else is SKIPPED with
 * the reason; a price is never made up for a request that has none. The limit price is put on the
 * tick grid on the passive side (a BUY down, a SELL up), so it is never worse than asked.
 *
 * <p><b>Quantity</b> is in contracts, one contract being one unit of the underlying (Bybit quotes
 * option prices per unit). It is rounded down to the instrument's {@code qtyStep}; below
 * {@code minOrderQty} the order is not sent (SKIPPED, naming the minimum), never upsized. Bybit
 * requires {@code orderLinkId} on option orders; every {@link OrderRequest} has one and it is
 * always sent. Reduce-only is sent when set (Bybit accepts it for options).
 *
 * <p><b>Listing.</b> The option instruments of {@link Params#baseCoins()} are loaded at start. Bybit
 * lists new expiries daily, so a symbol not known yet makes the venue reload its base coin's
 * listing once before it answers SKIPPED.
 *
 * <p><b>Stream.</b> {@link BybitPrivateStream#OPTION_TOPICS}: order updates become
 * {@link OrderUpdate}, trade executions {@link Executed}. An option's fee is charged in the settle
 * coin (USDC or USDT), i.e. in quote: {@code feeInBase} is always 0. Should Bybit ever report a fee
 * in the base coin it cannot be converted here (the option's price is not the coin's price), so it
 * is logged as SEVERE for reconciliation rather than folded in at a wrong rate. Non-trade
 * executions (delivery, settlement) are logged. Every callback reaches the router on the context
 * that called {@link #start()}.
 *
 * <p>Invariants: while not {@link #ready()}, {@link #place} still answers (the REST client reports
 * DISABLED or LOCKED_OUT itself); nothing here blocks; no secret is logged.
 */
public final class BybitOptionVenue implements LiveVenue {
    private static final Logger LOG = Logger.getLogger(BybitOptionVenue.class.getName());
    public static final String NAME = "bybit-option";
    /** Executions are searched from a little before the request, as the venue's clock may differ. */
    private static final long EXECUTION_LOOKBACK_MS = 5 * 60_000L;

    /** @param baseCoins the underlyings whose options it may trade (e.g. BTC) */
    public record Params(Set<String> baseCoins) {
        public Params {
            baseCoins = Set.copyOf(new LinkedHashSet<>(baseCoins));
            if (baseCoins.isEmpty()) throw new IllegalArgumentException("an option venue needs at least one base coin");
        }
    }

    private final Vertx vertx;
    private final BybitTradingClient client;
    private final BybitMarketRest market;
    private final URI privateUrl;
    private final BybitConfig.Credentials credentials;
    private final StreamOptions streamOptions;
    private final Clock clock;
    private final Params params;
    private final Map<String, Filters> filters = new HashMap<>();
    private Consumer<Event> handler = e -> {};
    private Context context;
    private BybitPrivateStream stream;
    private String startProblem = "not started";

    public BybitOptionVenue(Vertx vertx, BybitTradingClient client, BybitMarketRest market, URI privateUrl,
                            BybitConfig.Credentials credentials, StreamOptions streamOptions, Clock clock, Params params) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.client = Objects.requireNonNull(client, "client");
        this.market = Objects.requireNonNull(market, "market");
        this.privateUrl = Objects.requireNonNull(privateUrl, "privateUrl");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.streamOptions = Objects.requireNonNull(streamOptions, "streamOptions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.params = Objects.requireNonNull(params, "params");
    }

    @Override public String name() { return NAME; }

    @Override public boolean trades(AssetClass assetClass) { return assetClass == AssetClass.OPTIONS; }

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

    @Override public void onEvent(Consumer<Event> h) { this.handler = Objects.requireNonNull(h, "handler"); }

    @Override
    public Future<Void> start() {
        context = Vertx.currentContext();
        Future<Void> chain = client.syncTime().mapEmpty();
        for (String coin : params.baseCoins()) chain = chain.compose(v -> loadListing(coin));
        return chain
                .compose(v -> {
                    stream = new BybitPrivateStream(vertx, privateUrl, credentials, streamOptions, clock,
                            BybitPrivateStream.OPTION_TOPICS, this::onPrivate, this::onStreamEvent);
                    return stream.start();
                })
                .onSuccess(v -> {
                    startProblem = null;
                    LOG.info(NAME + " ready: " + filters.size() + " option instruments on " + params.baseCoins()
                            + ", clock offset " + client.offsetMs() + " ms");
                })
                .onFailure(e -> {
                    startProblem = "start failed: " + e.getMessage();
                    LOG.severe(NAME + " " + startProblem);
                });
    }

    /** Every option of {@code coin} Bybit lists: price tick, qty step and minimum (options have no notional minimum). */
    private Future<Void> loadListing(String coin) {
        return market.optionInstruments(coin).map(list -> {
            for (Instrument i : list) {
                filters.put(i.symbol(), new Filters(i.tickSize(), i.qtyStep(), i.minOrderQty(), BigDecimal.ZERO));
            }
            return null;
        });
    }

    @Override
    public Future<Void> stop() {
        Future<Void> s = stream == null ? Future.succeededFuture() : stream.stop();
        return s.onComplete(x -> client.close());
    }

    @Override
    public Future<PlaceOutcome> place(OrderRequest r) {
        if (r.category() != Category.OPTION) {
            return skipped(r, NAME + " trades category option only, not " + r.category());
        }
        if (r.type() != OrderType.LIMIT || !r.ioc()) {
            return skipped(r, NAME + " sends options as IOC limit orders only (no market orders, nothing resting):"
                    + " give the request a limit price and set ioc");
        }
        Filters known = filters.get(r.symbol());
        Future<Optional<Filters>> f = known != null ? Future.succeededFuture(Optional.of(known)) : relisted(r.symbol());
        return f.compose(found -> {
            if (found.isEmpty()) return skipped(r, "no option instrument " + r.symbol() + " listed on " + params.baseCoins());
            Optional<String> tooSmall = belowMinimum(r, found.get());
            if (tooSmall.isPresent()) return skipped(r, tooSmall.get());
            return client.place(r, found.get()).map(BybitSpotVenue::outcome);
        });
    }

    /** The filters of a symbol not in the listing loaded so far, after reloading its base coin's listing once. */
    private Future<Optional<Filters>> relisted(String symbol) {
        String coin;
        try {
            coin = OptionSymbol.parse(symbol).underlying();
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(Optional.empty());
        }
        if (!params.baseCoins().contains(coin)) return Future.succeededFuture(Optional.empty());
        return loadListing(coin).map(v -> Optional.ofNullable(filters.get(symbol)));
    }

    private static Future<PlaceOutcome> skipped(OrderRequest r, String reason) {
        LOG.info("not sending " + r.orderLinkId() + ": " + reason);
        return Future.succeededFuture(new PlaceOutcome(Placed.SKIPPED, reason));
    }

    /** Why {@code r} is too small to send, naming the minimum, or empty. The qty is rounded down to the step first, as it would be sent. */
    static Optional<String> belowMinimum(OrderRequest r, Filters f) {
        BigDecimal qty = f.roundQty(r.qty());
        if (qty.signum() > 0 && qty.compareTo(f.minOrderQty()) >= 0) return Optional.empty();
        return Optional.of("qty " + r.qty().stripTrailingZeros().toPlainString() + " contracts of " + r.symbol() + " (sent as "
                + qty.toPlainString() + " at qtyStep " + f.basePrecision().toPlainString() + ") is below the minimum order qty"
                + " minOrderQty " + f.minOrderQty().toPlainString() + "; not upsized");
    }

    @Override
    public Future<Optional<VenueOrder>> lookup(OrderRequest r) {
        return client.orderByLinkId(Category.OPTION, r.symbol(), r.orderLinkId()).map(o -> o.map(BybitOptionVenue::venueOrder));
    }

    @Override
    public Future<List<VenueOrder>> openOrders() {
        return client.openOrders(Category.OPTION).map(list -> list.stream().map(BybitOptionVenue::venueOrder).toList());
    }

    private static VenueOrder venueOrder(BybitOrder o) {
        return new VenueOrder(o.orderLinkId(), o.status(), o.cumExecQty(), o.rawStatus());
    }

    @Override
    public Future<List<LiveExecution>> executions(OrderRequest r) {
        return client.executions(Category.OPTION, r.timeMs() - EXECUTION_LOOKBACK_MS).map(list -> list.stream()
                .filter(e -> e.orderLinkId().equals(r.orderLinkId()))
                .map(BybitOptionVenue::live)
                .toList());
    }

    /** An option fill: the fee is in the settle coin, i.e. quote; see the class comment for a base-coin fee. */
    static LiveExecution live(Execution e) {
        if (e.feeInBase().signum() != 0) {
            LOG.severe(NAME + " execution " + e.execId() + " of " + e.orderLinkId() + " reports a fee of "
                    + e.feeInBase().toPlainString() + " in the base coin; not booked (no coin price here): reconcile it");
        }
        return new LiveExecution(e.orderLinkId(), e.execId(), e.qty(), e.price(), BigDecimal.ZERO, e.fee(), e.timeMs());
    }

    private void onPrivate(PrivateEvent e) {
        if (e instanceof BybitOrderUpdate u && "option".equals(u.category())) {
            String reason = !isBlank(u.rejectReason()) && !"EC_NoError".equals(u.rejectReason()) ? u.rejectReason()
                    : isBlank(u.cancelType()) || "UNKNOWN".equals(u.cancelType()) ? u.bybitStatus() : u.cancelType();
            deliver(new OrderUpdate(new VenueOrder(u.orderLinkId(), u.status(), u.cumExecQty(), reason)));
        } else if (e instanceof BybitTradeExecution t && "option".equals(t.category())) {
            deliver(new Executed(live(t.execution())));
        } else if (e instanceof BybitNonTradeExecution n && "option".equals(n.category())) {
            // Delivery and settlement at expiry close the position at the delivery price; booking them is
            // the portfolio's reconciliation, not a fill of ours.
            LOG.warning(NAME + " " + n.execType() + " execution " + n.execId() + " on " + n.symbol() + ": qty "
                    + (n.qty() == null ? "?" : n.qty().toPlainString()) + " at " + (n.price() == null ? "?" : n.price().toPlainString()));
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
}
