package dev.meridian.exchange.bybit;

import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderType;
import dev.meridian.exchange.bybit.rest.Filters;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The minimum rule of {@link BybitLinearVenue}: below-minimum orders are named and skipped, never upsized. */
class BybitLinearVenueTest {
    /** BTCUSDT linear: tick 0.10, qty step 0.001, minOrderQty 0.001, minNotionalValue 5 USDT. */
    private static final Filters BTC = new Filters(new BigDecimal("0.10"), new BigDecimal("0.001"), new BigDecimal("0.001"),
            new BigDecimal("5"));

    private static OrderRequest market(String qty, boolean reduceOnly) {
        return new OrderRequest("l-1", Category.LINEAR, "BTCUSDT", Side.BUY, OrderType.MARKET, new BigDecimal(qty),
                Optional.empty(), false, reduceOnly, new BigDecimal("64000"), 1_000);
    }

    @Test
    void aTenDollarOrderIsBelowTheMinimumQtyAndSaysSo() {
        // $10 at 64,000 = 0.00015625 BTC, which rounds to 0 at the 0.001 step: Bybit's minimum is 0.001 BTC (~$64).
        assertThat(BybitLinearVenue.belowMinimum(market("0.00015625", false), BTC)).hasValueSatisfying(r -> assertThat(r)
                .contains("minOrderQty 0.001").contains("0.00015625").contains("not upsized"));
        // Exits too: a reduce-only order below the qty minimum cannot be sent either.
        assertThat(BybitLinearVenue.belowMinimum(market("0.0005", true), BTC)).isPresent();
    }

    @Test
    void theNotionalMinimumBindsEntriesOnly() {
        // 0.001 BTC at 4,000 (a cheap coin's shape) = 4 USDT < 5.
        OrderRequest cheap = new OrderRequest("l-2", Category.LINEAR, "BTCUSDT", Side.SELL, OrderType.LIMIT, new BigDecimal("0.001"),
                Optional.of(new BigDecimal("4000")), false, false, new BigDecimal("4000"), 1_000);
        assertThat(BybitLinearVenue.belowMinimum(cheap, BTC)).hasValueSatisfying(r -> assertThat(r)
                .contains("minNotionalValue 5").contains("notional 4 USDT"));
        assertThat(BybitLinearVenue.belowMinimum(cheap.asReduceOnly(), BTC)).isEmpty();
        assertThat(BybitLinearVenue.belowMinimum(market("0.001", false), BTC)).isEmpty();   // 64 USDT
    }
}
