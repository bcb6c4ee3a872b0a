package dev.meridian.exchange.oanda;

import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The order body OANDA receives for each kind of request, and the requests refused before sending. */
class OandaOrdersTest {
    private static OrderRequest market(Side side, String qty) {
        return OrderRequest.market("link-1", Category.SPOT, "EUR_USD", side, new BigDecimal(qty), new BigDecimal("1.0872"), 0);
    }

    private static OrderRequest limit(String symbol, Side side, String price, boolean ioc) {
        return new OrderRequest("link-2", Category.SPOT, symbol, side, OrderType.LIMIT, new BigDecimal("1000"),
                Optional.of(new BigDecimal(price)), false, false, new BigDecimal(price), 0, BigDecimal.ONE, ioc);
    }

    private static JsonObject ok(OrderRequest r) {
        OandaOrders.Body b = OandaOrders.body(r);
        assertThat(b).isInstanceOf(OandaOrders.Ok.class);
        return ((OandaOrders.Ok) b).order();
    }

    @Test
    void aMarketBuyIsFokWithSignedUnitsTheClientIdAndItsStop() {
        JsonObject o = ok(market(Side.BUY, "1000").withStopLoss(new BigDecimal("1.0850")));
        assertThat(o.encode()).isEqualTo("{\"type\":\"MARKET\",\"instrument\":\"EUR_USD\",\"units\":\"1000\",\"timeInForce\":\"FOK\","
                + "\"positionFill\":\"DEFAULT\",\"clientExtensions\":{\"id\":\"link-1\"},"
                + "\"stopLossOnFill\":{\"price\":\"1.085\",\"timeInForce\":\"GTC\"}}");
    }

    @Test
    void aSellHasNegativeUnitsAndAnExitIsReduceOnlyWithoutAStop() {
        JsonObject o = ok(market(Side.SELL, "2500.000").asReduceOnly());
        assertThat(o.getString("units")).isEqualTo("-2500");
        assertThat(o.getString("positionFill")).isEqualTo("REDUCE_ONLY");
        assertThat(o.containsKey("stopLossOnFill")).isFalse();
        assertThat(o.containsKey("price")).isFalse();
    }

    @Test
    void limitsAreGtcOrIocWithThePriceRoundedNeverWorseThanAsked() {
        JsonObject buy = ok(limit("EUR_USD", Side.BUY, "1.0872349", false));
        assertThat(buy.getString("type")).isEqualTo("LIMIT");
        assertThat(buy.getString("timeInForce")).isEqualTo("GTC");
        assertThat(buy.getString("price")).as("a BUY limit rounds down").isEqualTo("1.08723");
        JsonObject sell = ok(limit("EUR_USD", Side.SELL, "1.0872301", true));
        assertThat(sell.getString("timeInForce")).isEqualTo("IOC");
        assertThat(sell.getString("price")).as("a SELL limit rounds up").isEqualTo("1.08724");
        assertThat(ok(limit("USD_JPY", Side.BUY, "155.12389", false)).getString("price")).as("yen pairs show 3 decimals")
                .isEqualTo("155.123");
        assertThat(ok(limit("EUR_USD", Side.BUY, "1.0872", false)).getString("price")).as("already on the grid: unchanged")
                .isEqualTo("1.0872");
    }

    @Test
    void aStopRoundsTowardTheEntrySoTheLossAtTheStopIsNeverLarger() {
        // Long: stop below the entry, rounded up. Short: stop above, rounded down.
        assertThat(ok(market(Side.BUY, "1000").withStopLoss(new BigDecimal("1.085004"))).getJsonObject("stopLossOnFill")
                .getString("price")).isEqualTo("1.08501");
        assertThat(ok(market(Side.SELL, "1000").withStopLoss(new BigDecimal("1.089996"))).getJsonObject("stopLossOnFill")
                .getString("price")).isEqualTo("1.08999");
        assertThat(OandaOrders.stopPrice("GBP_JPY", Side.BUY, new BigDecimal("195.4321"))).isEqualByComparingTo("195.433");
        assertThat(OandaOrders.stopPrice("GBP_JPY", Side.SELL, new BigDecimal("195.4329"))).isEqualByComparingTo("195.432");
    }

    @Test
    void aFractionalQuantityOrAPostOnlyOrderIsRefusedNotRounded() {
        assertThat(OandaOrders.body(market(Side.BUY, "1000.5")))
                .isEqualTo(new OandaOrders.Refused("OANDA trades whole units; qty 1000.5 is fractional"));
        OrderRequest postOnly = new OrderRequest("link-3", Category.SPOT, "EUR_USD", Side.BUY, OrderType.LIMIT, BigDecimal.TEN,
                Optional.of(new BigDecimal("1.08")), true, false, new BigDecimal("1.08"), 0);
        assertThat(OandaOrders.body(postOnly)).isEqualTo(new OandaOrders.Refused("OANDA has no post-only orders"));
    }
}
