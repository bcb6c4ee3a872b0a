package dev.meridian.exchange.bybit;

import dev.meridian.config.BybitConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.rest.Filters;
import dev.meridian.exchange.bybit.ws.BybitPrivateStream;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import dev.meridian.exchange.WalletBalanceSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Bybit spot as a {@link LiveVenue}: orders through the signed REST client (idempotent on
 * {@code orderLinkId}, retCode policy in {@link BybitTradingClient}), order updates and executions
 * from the private stream, instrument filters (tick size, base step, minimum quantity and value)
 * from the public instruments endpoint at start; readiness, lookups and event delivery as every
 * {@link BybitVenue}. Also the LIVE wallet source of the SPOT sub-ledger.
 */
public final class BybitSpotVenue extends BybitVenue implements WalletBalanceSource {
    public static final String NAME = "bybit-spot";

    private final Map<String, Filters> filters = new HashMap<>();

    public BybitSpotVenue(Vertx vertx, BybitTradingClient client, BybitMarketRest market, URI privateUrl,
                          BybitConfig.Credentials credentials, StreamOptions streamOptions, Clock clock) {
        super(Category.SPOT, BybitPrivateStream.TOPICS, vertx, client, market, privateUrl, credentials, streamOptions, clock);
    }

    @Override public String name() { return NAME; }

    @Override public boolean trades(AssetClass assetClass) { return assetClass == AssetClass.SPOT; }

    @Override
    protected Future<Void> prepare() {
        return market.instruments(Category.SPOT).map(list -> {
            for (Instrument i : list) {
                filters.put(i.symbol(), new Filters(i.tickSize(), i.qtyStep(), i.minOrderQty(), i.minOrderAmt()));
            }
            return null;
        });
    }

    @Override
    protected String readyDetail() { return filters.size() + " spot instruments"; }

    @Override
    public Future<PlaceOutcome> place(OrderRequest r) {
        Filters f = filters.get(r.symbol());
        if (f == null) return Future.succeededFuture(new PlaceOutcome(Placed.SKIPPED, "no instrument filters for " + r.symbol()));
        return client.place(r, f).map(BybitVenue::outcome);
    }

    /** A spot buy's fee is usually taken in the base coin, a sell's in the quote coin: both are kept apart. */
    @Override
    protected LiveExecution live(Execution e) {
        return new LiveExecution(e.orderLinkId(), e.execId(), e.qty(), e.price(), e.feeInBase(), e.fee(), e.timeMs());
    }

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
