package dev.meridian.portfolio;

import dev.meridian.exchange.WalletBalanceSource;
import dev.meridian.bus.Addresses;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.core.AssetClass;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class WalletSyncVerticleTest {
    @Test
    void anExchangeHoldingLessThanTheBooksShrinksTheCapsAndAlerts(Vertx vertx, VertxTestContext ctx) {
        RecordCodecs.registerAll(vertx.eventBus(), PortfolioSnapshot.class, WalletCapsUpdate.class);
        Ledger books = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000"), AssetClass.OPTIONS, new BigDecimal("1000")));
        vertx.eventBus().consumer(Addresses.CMD_PORTFOLIO_BOOKS, m -> m.reply(books.snapshot()));
        WalletBalanceSource bybit = new WalletBalanceSource() {
            @Override public Future<Map<String, BigDecimal>> balances() { return Future.succeededFuture(Map.of("bybit", new BigDecimal("12000"))); }

            @Override public Map<AssetClass, String> venueOf() {
                return Map.of(AssetClass.SPOT, "bybit", AssetClass.PERP, "bybit", AssetClass.OPTIONS, "bybit", AssetClass.FOREX, "oanda");
            }
        };
        vertx.eventBus().<WalletCapsUpdate>consumer(Addresses.EVT_WALLET_CAPS, m -> ctx.verify(() -> {
            // The books claim 15,000 on Bybit, which holds 12,000: every cap shrinks by 12/15.
            assertThat(m.body().caps().get(AssetClass.SPOT)).isEqualByComparingTo("11200");
            assertThat(m.body().caps().get(AssetClass.OPTIONS)).isEqualByComparingTo("800");
            assertThat(m.body().alerts()).isNotEmpty();
            PortfolioSnapshot capped = books.snapshot(m.body().caps());
            assertThat(capped.ledger(AssetClass.SPOT).orElseThrow().equity()).isEqualByComparingTo("11200");
            assertThat(capped.ledger(AssetClass.SPOT).orElseThrow().cap()).isEqualByComparingTo("11200");
            assertThat(capped.totalEquity()).isEqualByComparingTo("12000");
            ctx.completeNow();
        }));
        vertx.deployVerticle(new WalletSyncVerticle(Optional.of(bybit), 60_000)).onComplete(ctx.succeeding(id -> { }));
    }

    @Test
    void onlyTheClassesALiveVenueHoldsAreCapped(Vertx vertx, VertxTestContext ctx) {
        RecordCodecs.registerAll(vertx.eventBus(), PortfolioSnapshot.class, WalletCapsUpdate.class);
        Ledger books = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000"), AssetClass.FOREX, new BigDecimal("5000")));
        vertx.eventBus().consumer(Addresses.CMD_PORTFOLIO_BOOKS, m -> m.reply(books.snapshot()));
        // OANDA's keys only: its NAV caps FOREX; the SPOT book trades on paper and is left alone.
        WalletBalanceSource oanda = new WalletBalanceSource() {
            @Override public Future<Map<String, BigDecimal>> balances() { return Future.succeededFuture(Map.of("oanda", new BigDecimal("4000"))); }

            @Override public Map<AssetClass, String> venueOf() { return Map.of(AssetClass.FOREX, "oanda"); }
        };
        vertx.eventBus().<WalletCapsUpdate>consumer(Addresses.EVT_WALLET_CAPS, m -> ctx.verify(() -> {
            assertThat(m.body().caps()).containsOnlyKeys(AssetClass.FOREX);
            assertThat(m.body().caps().get(AssetClass.FOREX)).isEqualByComparingTo("4000");
            assertThat(m.body().alerts()).singleElement().asString().contains("oanda reports 4000");
            PortfolioSnapshot capped = books.snapshot(m.body().caps());
            assertThat(capped.ledger(AssetClass.SPOT).orElseThrow().equity()).isEqualByComparingTo("14000");
            assertThat(capped.ledger(AssetClass.FOREX).orElseThrow().equity()).isEqualByComparingTo("4000");
            ctx.completeNow();
        }));
        vertx.deployVerticle(new WalletSyncVerticle(Optional.of(oanda), 60_000)).onComplete(ctx.succeeding(id -> { }));
    }

    @Test
    void bybitsUnifiedAccountHoldsPerpAndOptionsBesideSpotWhenTheyTrade() {
        WalletBalanceSource spot = new WalletBalanceSource() {
            @Override public Future<Map<String, BigDecimal>> balances() { return Future.succeededFuture(Map.of("bybit-spot", BigDecimal.TEN)); }

            @Override public Map<AssetClass, String> venueOf() { return Map.of(AssetClass.SPOT, "bybit-spot"); }
        };
        assertThat(WalletBalanceSource.sharing(spot, java.util.Set.of(AssetClass.PERP, AssetClass.OPTIONS)).venueOf())
                .isEqualTo(Map.of(AssetClass.SPOT, "bybit-spot", AssetClass.PERP, "bybit-spot", AssetClass.OPTIONS, "bybit-spot"));
    }
}
