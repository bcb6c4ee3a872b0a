package dev.meridian.exchange;

import dev.meridian.core.Category;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stop-loss component: absent unless asked for, validated, and carried by every copy method. */
class OrderRequestTest {
    private static final OrderRequest MARKET = OrderRequest.market("link-1", Category.SPOT, "EUR_USD", Side.BUY,
            new BigDecimal("1000"), new BigDecimal("1.0875"), 1_000);

    @Test
    void requestsMadeWithTheOlderConstructorsHaveNoStop() {
        assertThat(MARKET.stopLoss()).isEmpty();
        OrderRequest thirteen = new OrderRequest("link-2", Category.SPOT, "EUR_USD", Side.SELL, OrderType.LIMIT, BigDecimal.TEN,
                Optional.of(new BigDecimal("1.09")), false, false, new BigDecimal("1.0875"), 1_000, BigDecimal.ONE, true);
        assertThat(thirteen.stopLoss()).isEmpty();
        assertThat(OrderRequest.limitIoc("link-3", Category.OPTION, "X", Side.BUY, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, 0)
                .stopLoss()).isEmpty();
    }

    @Test
    void withStopLossSetsOnlyTheStopAndTheOtherCopiesKeepIt() {
        OrderRequest s = MARKET.withStopLoss(new BigDecimal("1.0850"));
        assertThat(s.stopLoss()).contains(new BigDecimal("1.0850"));
        assertThat(new OrderRequest(s.orderLinkId(), s.category(), s.symbol(), s.side(), s.type(), s.qty(), s.limitPrice(),
                s.postOnly(), s.reduceOnly(), s.refPrice(), s.timeMs(), s.leverage(), s.ioc())).isEqualTo(MARKET);
        assertThat(s.withLeverage(new BigDecimal("20")).stopLoss()).isEqualTo(s.stopLoss());
        assertThat(s.asReduceOnly().stopLoss()).isEqualTo(s.stopLoss());
    }

    @Test
    void aStopMustBePositive() {
        assertThatThrownBy(() -> MARKET.withStopLoss(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop loss must be > 0");
        assertThatThrownBy(() -> MARKET.withStopLoss(new BigDecimal("-1.08"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MARKET.withStopLoss(null)).isInstanceOf(NullPointerException.class);
    }
}
