package dev.meridian.config;

import dev.meridian.core.Category;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveMarketConfigTest {
    private static final LiveMarketConfig.TopPairsConfig TOP = new LiveMarketConfig.TopPairsConfig(0, BigDecimal.ZERO, BigDecimal.ONE,
            "USDT", 60);

    private static LiveMarketConfig with(Map<Category, List<String>> universe) {
        return new LiveMarketConfig(universe, 2000, 3000, 200, TOP);
    }

    @Test
    void optionBaseCoinsAreTradedOnTheBarsOfTheirUsdtSpotSymbol() {
        LiveMarketConfig c = with(Map.of(Category.SPOT, List.of("BTCUSDT"), Category.OPTION, List.of("BTC")));
        assertThat(c.optionBaseCoins()).containsExactly("BTC");
        assertThat(LiveMarketConfig.optionUnderlying("BTC")).isEqualTo("BTCUSDT");
    }

    @Test
    void anOptionCoinWithoutItsSpotSymbolOrNotACoinIsRefusedByName() {
        assertThatThrownBy(() -> with(Map.of(Category.SPOT, List.of("ETHUSDT"), Category.OPTION, List.of("BTC"))))
                .hasMessage("universe.OPTION BTC needs BTCUSDT in universe.SPOT: its bars drive the OPTIONS mode");
        assertThatThrownBy(() -> with(Map.of(Category.SPOT, List.of("BTCUSDT"), Category.OPTION, List.of("BTC-27DEC26-100000-C"))))
                .hasMessageContaining("universe.OPTION lists base coins");
    }
}
