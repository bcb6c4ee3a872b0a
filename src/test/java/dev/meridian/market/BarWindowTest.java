package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class BarWindowTest {
    static Bar bar(String symbol, int tf, long open) {
        return new Bar(symbol, AssetClass.SPOT, tf, open, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 1, false);
    }

    @Test
    void keepsTheMostRecentBarsPerSymbolAndTimeframeInOrder() {
        BarWindow w = new BarWindow(3);
        for (int i = 0; i < 5; i++) w.add(bar("BTCUSDT", 60, i * 60_000L));
        w.add(bar("BTCUSDT", 300, 0));
        w.add(bar("BTCUSDT", 60, 60_000)); // not newer: ignored
        assertThat(w.recent("SPOT:BTCUSDT", 60, 10)).extracting(Bar::openTimeMs).containsExactly(120_000L, 180_000L, 240_000L);
        assertThat(w.recent("SPOT:BTCUSDT", 60, 2)).extracting(Bar::openTimeMs).containsExactly(180_000L, 240_000L);
        assertThat(w.recent("SPOT:BTCUSDT", 300, 10)).hasSize(1);
        assertThat(w.recent("SPOT:ETHUSDT", 60, 10)).isEmpty();
    }
}
