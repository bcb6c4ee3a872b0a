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
import dev.meridian.exchange.bybit.parse.PrivateEvent;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.rest.Filters;
import dev.meridian.exchange.bybit.rest.OptionSymbol;
import dev.meridian.exchange.bybit.ws.BybitPrivateStream;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
public final class BybitOptionVenue extends BybitVenue {
    private static final Logger LOG = Logger.getLogger(BybitOptionVenue.class.getName());
    public static final String NAME = "bybit-option";

    /** @param baseCoins the underlyings whose options it may trade (e.g. BTC) */
    public record Params(Set<String> baseCoins) {
        public Params {
            baseCoins = Set.copyOf(new LinkedHashSet<>(baseCoins));
            if (baseCoins.isEmpty()) throw new IllegalArgumentException("an option venue needs at least one base coin");
        }
    }

    private final Params params;
    private final Map<String, Filters> filters = new HashMap<>();

    public BybitOptionVenue(Vertx vertx, BybitTradingClient client, BybitMarketRest market, URI privateUrl,
                            BybitConfig.Credentials credentials, StreamOptions streamOptions, Clock clock, Params params) {
        super(Category.OPTION, BybitPrivateStream.OPTION_TOPICS, vertx, client, market, privateUrl, credentials, streamOptions, clock);
        this.params = Objects.requireNonNull(params, "params");
    }

    @Override public String name() { return NAME; }

    @Override public boolean trades(AssetClass assetClass) { return assetClass == AssetClass.OPTIONS; }

    @Override
    protected Future<Void> prepare() {
        Future<Void> chain = Future.succeededFuture();
        for (String coin : params.baseCoins()) chain = chain.compose(v -> loadListing(coin));
        return chain;
    }

    @Override
    protected String readyDetail() { return filters.size() + " option instruments on " + params.baseCoins(); }

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
            return client.place(r, found.get()).map(BybitVenue::outcome);
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

    /** An option fill: the fee is in the settle coin, i.e. quote; see the class comment for a base-coin fee. */
    @Override
    protected LiveExecution live(Execution e) {
        if (e.feeInBase().signum() != 0) {
            LOG.severe(NAME + " execution " + e.execId() + " of " + e.orderLinkId() + " reports a fee of "
                    + e.feeInBase().toPlainString() + " in the base coin; not booked (no coin price here): reconcile it");
        }
        return new LiveExecution(e.orderLinkId(), e.execId(), e.qty(), e.price(), BigDecimal.ZERO, e.fee(), e.timeMs());
    }

    @Override
    protected void onOtherPrivate(PrivateEvent e) {
        if (e instanceof BybitNonTradeExecution n && "option".equals(n.category())) {
            // Delivery and settlement at expiry close the position at the delivery price; booking them is
            // the portfolio's reconciliation, not a fill of ours.
            LOG.warning(NAME + " " + n.execType() + " execution " + n.execId() + " on " + n.symbol() + ": qty "
                    + (n.qty() == null ? "?" : n.qty().toPlainString()) + " at " + (n.price() == null ? "?" : n.price().toPlainString()));
        }
    }
}
