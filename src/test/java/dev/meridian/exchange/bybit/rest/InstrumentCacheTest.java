package dev.meridian.exchange.bybit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstrumentCacheTest {
    private static Instrument spot(String symbol) {
        return new Instrument(Category.SPOT, symbol, "Trading", symbol.replace("USDT", ""), "USDT",
                new BigDecimal("0.01"), new BigDecimal("0.0001"), null, null, new BigDecimal("5"), null, null,
                Optional.empty());
    }

    @Test
    void findsBySymbolWithinItsCategoryAndAReplacementDropsDelistedSymbols() {
        InstrumentCache cache = new InstrumentCache();
        cache.replace(Category.SPOT, List.of(spot("BTCUSDT"), spot("ETHUSDT")));

        assertThat(cache.find(Category.SPOT, "ETHUSDT")).contains(spot("ETHUSDT"));
        assertThat(cache.find(Category.LINEAR, "ETHUSDT")).isEmpty();
        assertThat(cache.all(Category.LINEAR)).isEmpty();

        cache.replace(Category.SPOT, List.of(spot("BTCUSDT")));

        assertThat(cache.find(Category.SPOT, "ETHUSDT")).isEmpty();
        assertThat(cache.all(Category.SPOT)).containsExactly(spot("BTCUSDT"));
    }

    @Test
    void aListOfTheWrongCategoryOrWithARepeatedSymbolIsRefusedAndTheOldOneStays() {
        InstrumentCache cache = new InstrumentCache();
        cache.replace(Category.SPOT, List.of(spot("BTCUSDT")));

        assertThatThrownBy(() -> cache.replace(Category.LINEAR, List.of(spot("ETHUSDT"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ETHUSDT is SPOT, not LINEAR");
        assertThatThrownBy(() -> cache.replace(Category.SPOT, List.of(spot("ETHUSDT"), spot("ETHUSDT"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SPOT ETHUSDT appears twice");
        assertThat(cache.all(Category.SPOT)).containsExactly(spot("BTCUSDT"));
    }
}
