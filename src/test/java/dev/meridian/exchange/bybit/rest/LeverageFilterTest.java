package dev.meridian.exchange.bybit.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeverageFilterTest {
    /** BTCUSDT's filter on Bybit: 1..100 in steps of 0.01. */
    private static final LeverageFilter BTC = new LeverageFilter(new BigDecimal("1"), new BigDecimal("100.00"), new BigDecimal("0.01"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "5, 5",            // on the grid: unchanged, sent as a plain "5"
            "5.00, 5",
            "2.5, 2.5",
            "3.14159, 3.14",   // rounded down: less leverage is the safe side
            "150, 100",        // clamped to the maximum
            "0.5, 1",          // clamped to the minimum (OrderRequest forbids < 1, the filter still copes)
            "1, 1"})
    void fitsIntoTheRangeAndRoundsDownToTheStep(String wanted, String expected) {
        assertThat(BTC.fit(new BigDecimal(wanted)).toPlainString()).isEqualTo(expected);
    }

    @Test
    void aCoarseStepRoundsDownButNeverBelowTheMinimum() {
        LeverageFilter coarse = new LeverageFilter(new BigDecimal("1.5"), new BigDecimal("25"), new BigDecimal("1"));
        assertThat(coarse.fit(new BigDecimal("7.9")).toPlainString()).isEqualTo("7");
        assertThat(coarse.fit(new BigDecimal("1.6")).toPlainString()).isEqualTo("1.5");
        assertThat(coarse.fit(new BigDecimal("30")).toPlainString()).isEqualTo("25");
    }

    @Test
    void refusesAnImpossibleFilter() {
        assertThatThrownBy(() -> new LeverageFilter(new BigDecimal("10"), new BigDecimal("5"), new BigDecimal("0.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeverageFilter(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
