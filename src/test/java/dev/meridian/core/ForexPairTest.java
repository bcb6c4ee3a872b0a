package dev.meridian.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pair names, pips and the quote → USD conversion, with hand-computed figures. */
class ForexPairTest {
    @Test
    void readsOandaNamesAndTheSixLetterFormOfReplayFileNames() {
        assertThat(ForexPair.parse("EUR_USD")).isEqualTo(new ForexPair("EUR", "USD"));
        assertThat(ForexPair.parse("USD_JPY")).isEqualTo(new ForexPair("USD", "JPY"));
        // EURUSD.csv replays as symbol EURUSD; any case is read as the same pair.
        assertThat(ForexPair.parse("EURUSD")).isEqualTo(new ForexPair("EUR", "USD"));
        assertThat(ForexPair.parse("usd_chf").instrument()).isEqualTo("USD_CHF");
    }

    @Test
    void refusesWhatIsNotAPair() {
        for (String bad : new String[]{"", "EUR", "EUR-USD", "EURO_USD", "EUR_US", "BTCUSDT", "EUR_USD_X"}) {
            assertThatThrownBy(() -> ForexPair.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a forex pair");
        }
        assertThatThrownBy(() -> ForexPair.parse("USD_USD")).hasMessageContaining("USD twice");
    }

    @Test
    void aPipIsAHundredthForJpyQuotesElseATenThousandth() {
        ForexPair eur = ForexPair.parse("EUR_USD");
        ForexPair jpy = ForexPair.parse("USD_JPY");
        assertThat(eur.pipSize()).isEqualByComparingTo("0.0001");
        assertThat(eur.displayDecimals()).isEqualTo(5);
        assertThat(jpy.pipSize()).isEqualByComparingTo("0.01");
        assertThat(jpy.displayDecimals()).isEqualTo(3);
        // A JPY quote as the quote of a cross too: EUR_JPY is quoted like USD_JPY.
        assertThat(ForexPair.parse("EUR_JPY").pipSize()).isEqualByComparingTo("0.01");
        // 3 pips
        assertThat(eur.minStopDistance()).isEqualByComparingTo("0.0003");
        assertThat(jpy.minStopDistance()).isEqualByComparingTo("0.03");
    }

    @Test
    void quoteAmountsBecomeUsdByThePairsOwnPrice() {
        // EUR_USD: the quote is USD, nothing to convert (and nothing rounded).
        assertThat(ForexPair.parse("EUR_USD").quoteToUsd(new BigDecimal("12.345678901234"), new BigDecimal("1.085")))
                .isEqualByComparingTo("12.345678901234");
        // USD_JPY: 1,500 JPY at 150 JPY per USD = 10 USD.
        ForexPair jpy = ForexPair.parse("USD_JPY");
        assertThat(jpy.quoteToUsd(new BigDecimal("1500"), new BigDecimal("150"))).isEqualByComparingTo("10");
        // 100 JPY at 150.5 = 0.66445182724252… USD, kept to 10 decimals half-even.
        assertThat(jpy.quoteToUsd(new BigDecimal("100"), new BigDecimal("150.5"))).isEqualTo(new BigDecimal("0.6644518272"));
        // And back, exactly: 10 USD at 150 = 1,500 JPY; a USD quote stays as it is.
        assertThat(jpy.usdToQuote(BigDecimal.TEN, new BigDecimal("150"))).isEqualByComparingTo("1500");
        assertThat(ForexPair.parse("EUR_USD").usdToQuote(BigDecimal.TEN, new BigDecimal("1.085"))).isEqualByComparingTo("10");
        // USD_CHF is a base-USD pair like USD_JPY: 88 CHF at 0.88 = 100 USD.
        assertThat(ForexPair.parse("USD_CHF").quoteToUsd(new BigDecimal("88"), new BigDecimal("0.88"))).isEqualByComparingTo("100");
    }

    @Test
    void usdNotionalIsTheUnitsForUsdBaseAndUnitsTimesPriceForUsdQuote() {
        assertThat(ForexPair.parse("USD_JPY").usdNotional(new BigDecimal("125000"), new BigDecimal("150.000")))
                .isEqualByComparingTo("125000");
        // 125,000 × 1.085 = 135,625
        assertThat(ForexPair.parse("EUR_USD").usdNotional(new BigDecimal("125000"), new BigDecimal("1.08500")))
                .isEqualByComparingTo("135625");
    }

    @Test
    void aCrossWithoutAUsdLegIsRefusedByNameNotGuessed() {
        ForexPair eurJpy = ForexPair.parse("EUR_JPY");
        assertThat(eurJpy.hasUsdLeg()).isFalse();
        assertThatThrownBy(eurJpy::requireUsdLeg).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("EUR_JPY is a cross without a USD leg")
                .hasMessageContaining("USD_JPY or JPY_USD");
        assertThatThrownBy(() -> eurJpy.quoteToUsd(BigDecimal.ONE, new BigDecimal("160"))).hasMessageContaining("EUR_JPY");
        assertThatThrownBy(() -> eurJpy.usdNotional(BigDecimal.ONE, new BigDecimal("160"))).hasMessageContaining("EUR_JPY");
        assertThat(ForexPair.parse("GBP_USD").requireUsdLeg().hasUsdLeg()).isTrue();
    }

    @Test
    void aPriceOfZeroIsRefusedRatherThanDividedBy() {
        assertThatThrownBy(() -> ForexPair.parse("USD_JPY").quoteToUsd(BigDecimal.ONE, BigDecimal.ZERO))
                .hasMessageContaining("USD_JPY price must be > 0");
    }
}
