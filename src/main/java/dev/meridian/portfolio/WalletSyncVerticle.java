package dev.meridian.portfolio;

import dev.meridian.exchange.WalletBalanceSource;
import dev.meridian.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Wallet sync. With a {@link WalletBalanceSource} (LIVE connectors), every {@code periodMs} it reads
 * the exchange balances and the sub-ledgers' equity, computes the caps with {@link WalletCaps} (no
 * negative drift, never above what the exchange reports, proportional shrink with an alert) and
 * publishes them on {@code evt.wallet.caps}; the portfolio caps each sub-ledger's equity with them.
 * Without a source (SIM: no live venue has keys, or a replay) the sub-ledgers are the source of
 * truth and nothing is synced; with one, only the classes its venues hold are capped (OANDA's keys
 * alone cap FOREX, never the paper SPOT book).
 */
public final class WalletSyncVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(WalletSyncVerticle.class.getName());
    private final Optional<WalletBalanceSource> source;
    private final long periodMs;

    public WalletSyncVerticle(Optional<WalletBalanceSource> source, long periodMs) {
        this.source = source;
        this.periodMs = periodMs;
    }

    @Override
    public Future<?> start() {
        if (source.isEmpty()) {
            LOG.info("wallet sync: SIM, sub-ledger equity is the source of truth");
            return Future.succeededFuture();
        }
        vertx.setPeriodic(0, periodMs, id -> sync());
        return Future.succeededFuture();
    }

    private void sync() {
        WalletBalanceSource s = source.orElseThrow();
        Future<Map<String, BigDecimal>> balances = s.balances();
        Future<PortfolioSnapshot> snapshot = vertx.eventBus().<PortfolioSnapshot>request(Addresses.CMD_PORTFOLIO_BOOKS, "")
                .map(m -> m.body());
        Future.all(balances, snapshot).onSuccess(x -> {
            Map<dev.meridian.core.AssetClass, BigDecimal> equity = new EnumMap<>(dev.meridian.core.AssetClass.class);
            // Caps bound what the books may claim, so they are computed from the books' own equity, not from earlier caps.
            // Only classes a live venue holds are capped: a class without one trades on paper and needs no exchange funds.
            Map<dev.meridian.core.AssetClass, String> venues = s.venueOf();
            snapshot.result().subLedgers().forEach(l -> {
                if (venues.containsKey(l.assetClass())) equity.put(l.assetClass(), l.equity());
            });
            WalletCaps.Result r = WalletCaps.compute(equity, s.venueOf(), balances.result());
            r.alerts().forEach(a -> LOG.warning("wallet sync: " + a.message()));
            vertx.eventBus().publish(Addresses.EVT_WALLET_CAPS, new WalletCapsUpdate(r.caps(),
                    r.alerts().stream().map(WalletCaps.Alert::message).toList()));
        }).onFailure(e -> LOG.warning("wallet sync failed, caps unchanged: " + e.getMessage()));
    }
}
