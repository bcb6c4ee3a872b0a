package dev.meridian.exchange.bybit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BybitFiltersTest {
    private static final Filters BTC = new Filters(new BigDecimal("0.1"), new BigDecimal("0.000001"),
            new BigDecimal("0.000048"), new BigDecimal("5"));

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void qtyRoundsDownToBasePrecisionNeverUp() {
        assertThat(BTC.roundQty(d("0.0123456789")).toPlainString()).isEqualTo("0.012345");
        assertThat(BTC.roundQty(d("0.0000019999")).toPlainString()).isEqualTo("0.000001");
        assertThat(BTC.roundQty(d("1")).toPlainString()).isEqualTo("1.000000");
        assertThat(BTC.roundQty(d("0.0000009")).signum()).isZero();
    }

    @Test
    void priceRoundsToTheTickOnThePassiveSide() {
        assertThat(BTC.roundPrice(d("65000.07"), Side.BUY).toPlainString()).isEqualTo("65000.0");
        assertThat(BTC.roundPrice(d("65000.01"), Side.SELL).toPlainString()).isEqualTo("65000.1");
        assertThat(BTC.roundPrice(d("65000.1"), Side.SELL).toPlainString()).isEqualTo("65000.1");
    }

    @Test
    void stepsThatAreNotPowersOfTenWork() {
        Filters f = new Filters(d("0.5"), d("0.25"), BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(f.roundPrice(d("10.74"), Side.BUY).toPlainString()).isEqualTo("10.5");
        assertThat(f.roundPrice(d("10.51"), Side.SELL).toPlainString()).isEqualTo("11.0");
        assertThat(f.roundQty(d("1.99")).toPlainString()).isEqualTo("1.75");
        Filters tens = new Filters(d("10"), d("1"), BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(tens.roundPrice(d("1234.5"), Side.BUY).toPlainString()).isEqualTo("1230");
    }

    @Test
    void minimumsNameTheirReason() {
        assertThat(BTC.rejectReason(d("0.000040"), d("65000"))).hasValue("qty 0.000040 < minOrderQty 0.000048");
        assertThat(BTC.rejectReason(d("0.000050"), d("65000"))).hasValue("value 3.250000 < minOrderAmt 5");
        assertThat(BTC.rejectReason(d("0.000000"), d("65000"))).hasValue("qty rounds to 0 at basePrecision 0.000001");
        assertThat(BTC.rejectReason(d("0.000077"), d("65000"))).isEmpty();
    }

    @Test
    void invalidStepsAreRefused() {
        assertThatThrownBy(() -> new Filters(BigDecimal.ZERO, d("1"), BigDecimal.ZERO, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
