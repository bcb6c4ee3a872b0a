package dev.meridian.exchange.bybit;

import dev.meridian.config.BybitConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.bybit.parse.BybitNonTradeExecution;
import dev.meridian.exchange.bybit.parse.BybitPositionUpdate;
import dev.meridian.exchange.bybit.parse.PrivateEvent;
import dev.meridian.exchange.bybit.rest.BybitApiException;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitPosition;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.rest.BybitTradingUnavailableException;
import dev.meridian.exchange.bybit.rest.Filters;
import dev.meridian.exchange.bybit.rest.LeverageFilter;
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
 * Bybit USDT perpetuals ({@code category=linear}) as a {@link LiveVenue} trading
 * {@link AssetClass#PERP}: the same signed REST client and idempotency rules as
 * {@link BybitSpotVenue} (one {@code orderLinkId} per intent, an ambiguous create is looked up
 * before any resend, "already placed" is a success), plus what leverage needs.
 *
 * <p><b>Start.</b> Syncs the clock, loads the linear instrument filters, then for the configured
 * symbols sets one-way position mode and (when {@link Params#isolatedMargin()}) the account's
 * isolated margin mode — Bybit's "not modified" answers count as done — and opens the private
 * stream on {@link BybitPrivateStream#LINEAR_TOPICS}. A configured symbol Bybit does not list, or a
 * setting Bybit refuses, leaves the venue not ready with the reason rather than trading in a mode
 * the risk rails do not assume.
 *
 * <p><b>Orders.</b> An entry ({@code !reduceOnly}) first sets the symbol's leverage to the
 * request's, fitted to the instrument's leverage filter ({@link LeverageFilter#fit}: clamped to
 * [min, max], rounded down to the step); if Bybit refuses it the order is not sent (REJECTED). An
 * exit is sent reduce-only and touches no leverage. An order whose rounded qty is below
 * {@code minOrderQty}, or an entry whose notional is below {@code minNotionalValue}, is not sent:
 * SKIPPED with a reason naming the minimum. It is never upsized: the decision was for the smaller
 * size, so the bot records why it could not trade instead of taking more risk. Exits are exempt
 * from the notional minimum (Bybit exempts reduce-only orders from it, and at worst answers
 * 110094, which is a REJECTED, no worse than not trying to close).
 *
 * <p><b>Stream.</b> Order updates become {@link OrderUpdate}, {@code execType=Trade} executions
 * {@link Executed} (the fee of a linear trade is in the settle coin: {@code feeInBase} is 0),
 * {@code execType=Funding} executions {@link FundingFee} (never an Executed), position frames
 * {@link PositionRisk} with Bybit's liquidation price. Other non-trade executions (ADL, bust
 * trades, settlement, delivery) are logged as warnings; their effect on the position arrives as a
 * position frame. Every callback reaches the router on the context that called {@link #start()}.
 *
 * <p>Invariants: while not {@link #ready()}, {@link #place} still answers (the REST client reports
 * DISABLED or LOCKED_OUT itself); nothing here blocks; no secret is logged.
 */
public final class BybitLinearVenue extends BybitVenue {
    private static final Logger LOG = Logger.getLogger(BybitLinearVenue.class.getName());
    public static final String NAME = "bybit-linear";

    /**
     * What the venue trades and how.
     *
     * @param symbols        the linear symbols it may trade (e.g. BTCUSDT); modes are set for these at start
     * @param isolatedMargin set the unified account's margin mode to ISOLATED_MARGIN at start. Account-wide
     *                       on Bybit: spot margin and options cannot trade in it, so turn it off when those share the account
     */
    public record Params(Set<String> symbols, boolean isolatedMargin) {
        public Params {
            symbols = Set.copyOf(new LinkedHashSet<>(symbols));
            if (symbols.isEmpty()) throw new IllegalArgumentException("a linear venue needs at least one symbol");
        }
    }

    /** An instrument's order and leverage limits. */
    private record Limits(Filters filters, LeverageFilter leverage) {
    }

    private final Params params;
    private final Map<String, Limits> limits = new HashMap<>();

    public BybitLinearVenue(Vertx vertx, BybitTradingClient client, BybitMarketRest market, URI privateUrl,
                            BybitConfig.Credentials credentials, StreamOptions streamOptions, Clock clock, Params params) {
        super(Category.LINEAR, BybitPrivateStream.LINEAR_TOPICS, vertx, client, market, privateUrl, credentials, streamOptions, clock);
        this.params = Objects.requireNonNull(params, "params");
    }

    @Override public String name() { return NAME; }

    @Override public boolean trades(AssetClass assetClass) { return assetClass == AssetClass.PERP; }

    /** The symbols' filters (each must be listed, with a leverage filter), then the account's margin and position modes. */
    @Override
    protected Future<Void> prepare() {
        return market.instruments(Category.LINEAR).compose(list -> {
            for (Instrument i : list) {
                if (!params.symbols().contains(i.symbol())) continue;
                if (i.leverageStep() == null || i.minLeverage() == null || i.maxLeverage() == null) {
                    return Future.failedFuture(new IllegalStateException(i.symbol() + " has no leverage filter"));
                }
                limits.put(i.symbol(), new Limits(new Filters(i.tickSize(), i.qtyStep(), i.minOrderQty(), i.minOrderAmt()),
                        new LeverageFilter(i.minLeverage(), i.maxLeverage(), i.leverageStep())));
            }
            Set<String> missing = new LinkedHashSet<>(params.symbols());
            missing.removeAll(limits.keySet());
            if (!missing.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("Bybit lists no linear perpetual " + missing));
            }
            return accountModes();
        });
    }

    @Override
    protected String readyDetail() {
        return limits.keySet() + " one-way" + (params.isolatedMargin() ? ", isolated margin" : "");
    }

    /** Isolated margin for the account (optional), then one-way mode per symbol, one call after another. */
    private Future<Void> accountModes() {
        Future<Void> chain = params.isolatedMargin() ? client.setIsolatedMargin() : Future.succeededFuture();
        for (String symbol : params.symbols()) {
            chain = chain.compose(v -> client.switchToOneWay(Category.LINEAR, symbol));
        }
        return chain;
    }

    @Override
    public Future<PlaceOutcome> place(OrderRequest r) {
        if (r.category() != Category.LINEAR) {
            return Future.succeededFuture(new PlaceOutcome(Placed.SKIPPED, NAME + " trades category linear only, not " + r.category()));
        }
        Limits l = limits.get(r.symbol());
        if (l == null) return Future.succeededFuture(new PlaceOutcome(Placed.SKIPPED, "no instrument filters for " + r.symbol()));
        Optional<String> tooSmall = belowMinimum(r, l.filters());
        if (tooSmall.isPresent()) {
            LOG.info("not sending " + r.orderLinkId() + ": " + tooSmall.get());
            return Future.succeededFuture(new PlaceOutcome(Placed.SKIPPED, tooSmall.get()));
        }
        // Exits are exempt from the notional minimum (see the class comment); the client re-checks with these filters.
        Filters f = r.reduceOnly() ? new Filters(l.filters().tickSize(), l.filters().basePrecision(), l.filters().minOrderQty(),
                BigDecimal.ZERO) : l.filters();
        if (r.reduceOnly()) return client.place(r, f).map(BybitVenue::outcome);
        BigDecimal leverage = l.leverage().fit(r.leverage());
        return client.setLeverage(Category.LINEAR, r.symbol(), leverage)
                .transform(ar -> {
                    if (ar.succeeded()) return client.place(r, f).map(BybitVenue::outcome);
                    // The entry was not sent, so refusing it here can never leave an order behind.
                    Throwable e = ar.cause();
                    if (e instanceof BybitTradingUnavailableException u) {
                        return Future.succeededFuture(new PlaceOutcome(Placed.DISABLED, "leverage not set: " + u.getMessage()));
                    }
                    String why = e instanceof BybitApiException api ? api.retCode() + " " + api.retMsg() : String.valueOf(e.getMessage());
                    LOG.warning(r.orderLinkId() + " not sent: leverage " + leverage.toPlainString() + " not set on " + r.symbol() + ": " + why);
                    return Future.succeededFuture(new PlaceOutcome(Placed.REJECTED,
                            "leverage " + leverage.toPlainString() + " not set, order not sent: " + why));
                });
    }

    /**
     * Why {@code r} must not be sent for being below the instrument's minimum, naming the minimum,
     * or empty. The qty is rounded down to the step first (as it would be sent); the notional is at
     * the limit price, or at {@code refPrice} for a market order, and is not checked for exits.
     */
    static Optional<String> belowMinimum(OrderRequest r, Filters f) {
        BigDecimal qty = f.roundQty(r.qty());
        if (qty.signum() <= 0 || qty.compareTo(f.minOrderQty()) < 0) {
            return Optional.of("qty " + r.qty().stripTrailingZeros().toPlainString() + " " + r.symbol() + " (sent as "
                    + qty.toPlainString() + ") is below the minimum order qty minOrderQty " + f.minOrderQty().toPlainString()
                    + "; not upsized");
        }
        if (!r.reduceOnly()) {
            BigDecimal price = r.limitPrice().orElse(r.refPrice());
            BigDecimal notional = qty.multiply(price);
            if (notional.compareTo(f.minOrderAmt()) < 0) {
                return Optional.of("notional " + notional.stripTrailingZeros().toPlainString() + " USDT of " + r.symbol()
                        + " is below the minimum order value minNotionalValue " + f.minOrderAmt().toPlainString()
                        + " USDT; not upsized");
            }
        }
        return Optional.empty();
    }

    /**
     * A linear fill: the fee is charged in the settle coin (USDT), so it is all quote and
     * {@code feeInBase} is 0; the position is the gross qty. Should a fee ever be attributed to the
     * base coin, it is converted at the fill price rather than dropped.
     */
    @Override
    protected LiveExecution live(Execution e) {
        BigDecimal quoteFee = e.fee().add(e.feeInBase().multiply(e.price()));
        return new LiveExecution(e.orderLinkId(), e.execId(), e.qty(), e.price(), BigDecimal.ZERO, quoteFee, e.timeMs());
    }

    /**
     * The position of {@code symbol} as Bybit's REST reports it now, for start-up (before the first
     * position frame): signed size, liquidation price and mark price. A symbol without a position
     * reads as flat, with no liquidation price.
     */
    public Future<PositionRisk> positionRisk(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return client.positions(Category.LINEAR, symbol).map(list -> list.stream()
                .filter(p -> p.symbol().equals(symbol) && p.positionIdx() == 0)
                .findFirst()
                .map(BybitLinearVenue::risk)
                .orElse(new PositionRisk(symbol, BigDecimal.ZERO, Optional.empty(), Optional.empty(), 0)));
    }

    private static PositionRisk risk(BybitPosition p) {
        return new PositionRisk(p.symbol(), p.signedSize(), p.liqPrice(), p.markPrice(), p.updatedTimeMs());
    }

    @Override
    protected void onOtherPrivate(PrivateEvent e) {
        if (e instanceof BybitNonTradeExecution n && "linear".equals(n.category())) {
            nonTrade(n);
        } else if (e instanceof BybitPositionUpdate p && "linear".equals(p.category())) {
            deliver(new PositionRisk(p.symbol(), p.signedSize(), Optional.ofNullable(p.liqPrice()),
                    Optional.ofNullable(p.markPrice()), p.updatedTimeMs()));
        }
    }

    /**
     * Funding becomes a {@link FundingFee}. Sign: Bybit's {@code execFee} on a Funding execution
     * is a fee like a trade's, positive = charged to us, negative = paid to us. The docs state no
     * sign for it directly; it follows from the transaction log's definition of the funding
     * {@code feeRate} (the market rate for a long, its negation for a short) with {@code execFee =
     * execValue × feeRate}, and agrees with published Bybit responses (a short with a negative
     * {@code feeRate} shows a negative {@code execFee}). {@link FundingFee} keeps that sign
     * (positive = we paid). Verify on the first live funding against the wallet's cash flow.
     */
    private void nonTrade(BybitNonTradeExecution n) {
        if ("Funding".equals(n.execType())) {
            if (n.fee() == null) {
                LOG.warning(NAME + " funding execution " + n.execId() + " on " + n.symbol() + " came without execFee; ignored");
                return;
            }
            deliver(new FundingFee(n.symbol(), n.fee(), n.timeMs(), n.execId()));
        } else {
            // ADL, liquidation (BustTrade), settlement, delivery: not our fills. The position frame that
            // follows carries the new size; reconciliation and the risk rails act on that.
            LOG.warning(NAME + " " + n.execType() + " execution " + n.execId() + " on " + n.symbol() + ": qty "
                    + (n.qty() == null ? "?" : n.qty().toPlainString()) + " at " + (n.price() == null ? "?" : n.price().toPlainString()));
        }
    }
}
