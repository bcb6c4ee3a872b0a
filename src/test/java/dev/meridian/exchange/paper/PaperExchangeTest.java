package dev.meridian.exchange.paper;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

public class PaperExchangeTest {
    public static Order order(Side side, boolean entry, String qty, String ref) {
        return new Order("o-1", "src", 7, 1_000, "BTCUSD", AssetClass.SPOT, side, entry, new BigDecimal(qty),
                new BigDecimal(ref), new BigDecimal("790"), BigDecimal.ONE, new BigDecimal("14000"), new BigDecimal("10"),
                new BigDecimal("0.125"), Mode.INTRADAY_TREND, Regime.RANGE, SessionLabel.ASIA, 0.5, false, "FIXED", true);
    }

    @Test
    void buyPaysSlippageUpAndFeeOnFilledNotional() {
        PaperExchange ex = new PaperExchange(new BigDecimal("10"), new BigDecimal("2"));
        Fill f = ex.fill(order(Side.BUY, true, "0.0125", "800.00"), 5_000);
        // 800 × (1 + 2 bps) = 800.16; fee = 0.0125 × 800.16 × 10 bps = 0.0100020; slippage = 0.0125 × 0.16 = 0.002
        assertThat(f.price()).isEqualByComparingTo("800.16");
        assertThat(f.fee()).isEqualByComparingTo("0.010002");
        assertThat(f.slippage()).isEqualByComparingTo("0.002");
        assertThat(f.qty()).isEqualByComparingTo("0.0125");
        assertThat(f.timeMs()).isEqualTo(5_000);
    }

    @Test
    void sellReceivesLessAndSlippageIsStillACost() {
        PaperExchange ex = new PaperExchange(new BigDecimal("10"), new BigDecimal("2"));
        Fill f = ex.fill(order(Side.SELL, false, "0.0125", "810.00"), 6_000);
        // 810 × (1 − 2 bps) = 809.838; slippage = 0.0125 × 0.162 = 0.002025; fee = 0.0125 × 809.838 × 0.001 = 0.01012297500
        assertThat(f.price()).isEqualByComparingTo("809.838");
        assertThat(f.slippage()).isEqualByComparingTo("0.002025");
        assertThat(f.fee()).isEqualByComparingTo("0.010122975");
    }
}
