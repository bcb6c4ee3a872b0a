package dev.meridian.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.core.Instrument.OptionSpec;
import dev.meridian.exchange.bybit.rest.OptionSymbol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SyntheticChainTest {
    private static final long WEDNESDAY_10UTC = Instant.parse("2024-06-05T10:00:00Z").toEpochMilli();

    private static long at(String iso) { return Instant.parse(iso).toEpochMilli(); }

    @Test
    void strikeStepIsTheRoundNumberAtMostTheFraction() {
        assertThat(SyntheticChain.strikeStep(60_000, 0.01)).isEqualByComparingTo("500");
        assertThat(SyntheticChain.strikeStep(3_000, 0.01)).isEqualByComparingTo("25");
        assertThat(SyntheticChain.strikeStep(150, 0.01)).isEqualByComparingTo("1");
        assertThat(SyntheticChain.strikeStep(0.5, 0.01)).isEqualByComparingTo("0.005");
        assertThat(SyntheticChain.strikeStep(1_000, 0.01)).isEqualByComparingTo("10");
    }

    @Test
    void strikesCoverPlusMinus30PercentOnTheStep() {
        List<BigDecimal> strikes = SyntheticChain.strikes(60_000, 0.30, 0.01);
        assertThat(strikes.get(0)).isEqualByComparingTo("42000");
        assertThat(strikes.get(strikes.size() - 1)).isEqualByComparingTo("78000");
        assertThat(strikes).hasSize(73);
    }

    @Test
    void expiriesAreDailiesAndFridaysAt0800Utc() {
        assertThat(SyntheticChain.expiries(WEDNESDAY_10UTC, 3, 4)).containsExactly(
                at("2024-06-06T08:00:00Z"), at("2024-06-07T08:00:00Z"), at("2024-06-08T08:00:00Z"),
                at("2024-06-14T08:00:00Z"), at("2024-06-21T08:00:00Z"), at("2024-06-28T08:00:00Z"));
        // Before 08:00 today's expiry is still ahead; at 08:00 sharp it has passed.
        assertThat(SyntheticChain.expiries(at("2024-06-07T07:59:00Z"), 1, 1)).containsExactly(at("2024-06-07T08:00:00Z"));
        assertThat(SyntheticChain.expiries(at("2024-06-07T08:00:00Z"), 1, 1))
                .containsExactly(at("2024-06-08T08:00:00Z"), at("2024-06-14T08:00:00Z"));
    }

    @Test
    void everyContractIsSyntheticAndPricedByBlackScholesWithinTheSpread() {
        SyntheticChain.Spec spec = new SyntheticChain.Spec(0.30, 0.01, 3, 4, 0.04, new BigDecimal("5"), 0.0);
        OptionChain chain = SyntheticChain.build("BTC", WEDNESDAY_10UTC, 60_000, 0.55, spec);
        assertThat(chain.synthetic()).isTrue();
        assertThat(chain.contracts()).hasSize(6 * 2 * 73);
        for (OptionQuote q : chain.contracts()) {
            assertThat(q.synthetic()).isTrue();
            assertThat(q.markIv()).hasValue(0.55);
            assertThat(q.venueGreeks()).isEmpty();
            double t = q.yearsToExpiry(WEDNESDAY_10UTC);
            assertThat(q.markPrice().doubleValue())
                    .isCloseTo(BlackScholes.price(q.type(), 60_000, q.strike().doubleValue(), 0.0, 0.55, t), within(1e-7));
            assertThat(q.bid()).isLessThanOrEqualTo(q.markPrice());
            assertThat(q.ask()).isGreaterThanOrEqualTo(q.markPrice());
            assertThat(q.ask().subtract(q.bid())).isGreaterThanOrEqualTo(new BigDecimal("5"));
            assertThat(q.bid().remainder(new BigDecimal("5"))).isEqualByComparingTo("0");
            assertThat(q.ask().remainder(new BigDecimal("5"))).isEqualByComparingTo("0");
            OptionSpec parsed = OptionSymbol.parse(q.symbol());
            assertThat(parsed.expiryMs()).isEqualTo(q.expiryMs());
            assertThat(parsed.strike()).isEqualByComparingTo(q.strike());
            assertThat(OptionType.of(parsed.call())).isEqualTo(q.type());
        }
        OptionQuote atm = chain.contract("BTC-14JUN24-60000-C").orElseThrow();
        // A 4 % spread around a ~2,000 mark, rounded outwards to the 5 tick.
        assertThat(atm.ask().subtract(atm.bid()).doubleValue()).isCloseTo(0.04 * atm.markPrice().doubleValue(), within(10.0));
    }

    @Test
    void refusesANonPositiveVolatility() {
        assertThatThrownBy(() -> SyntheticChain.build("BTC", WEDNESDAY_10UTC, 60_000, Double.NaN, SyntheticChain.Spec.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volatility");
    }
}
