package dev.meridian.options;

import static dev.meridian.options.OptionType.CALL;
import static dev.meridian.options.OptionType.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class ContractSelectorTest {
    private static final long NOW = Instant.parse("2024-06-05T10:00:00Z").toEpochMilli();
    private static final OptionChain CHAIN = SyntheticChain.build("BTC", NOW, 60_000, 0.6,
            new SyntheticChain.Spec(0.30, 0.01, 3, 4, 0.04, new BigDecimal("5"), 0.0));
    private static final PricingContext CTX = PricingContext.of(CHAIN, 0.5, 0.0);

    @Test
    void picksTheExpiryClosestToTargetThenTheNearestDelta() {
        var criteria = new ContractSelector.Criteria(CALL, Side.BUY, 0.30, 7, 2, 20);
        ContractSelector.Selection s = ContractSelector.select(CHAIN, CTX, criteria).orElseThrow();
        // Expiries are 1.9, 2.9, 8.9, 15.9 and 22.9 days away: 8.9 is closest to 7.
        assertThat(s.contract().expiryMs()).isEqualTo(Instant.parse("2024-06-14T08:00:00Z").toEpochMilli());
        assertThat(s.daysToExpiry()).isCloseTo(8.92, org.assertj.core.api.Assertions.within(0.01));
        assertThat(s.deltaSource()).isEqualTo(GreeksSource.MARK_IV);
        double best = CHAIN.contracts(s.contract().expiryMs(), CALL).stream()
                .mapToDouble(q -> Math.abs(Math.abs(CTX.greeks(q).greeks().delta()) - 0.30)).min().orElseThrow();
        assertThat(Math.abs(s.delta() - 0.30)).isEqualTo(best);
        assertThat(s.delta()).isBetween(0.25, 0.35);
    }

    @Test
    void putsAreMatchedOnAbsoluteDelta() {
        var s = ContractSelector.select(CHAIN, CTX, new ContractSelector.Criteria(PUT, Side.SELL, 0.20, 14, 7, 30)).orElseThrow();
        assertThat(s.delta()).isNegative().isBetween(-0.25, -0.15);
        assertThat(s.contract().strike()).isLessThan(new BigDecimal("60000"));
    }

    @Test
    void respectsTheDayBounds() {
        var s = ContractSelector.select(CHAIN, CTX, new ContractSelector.Criteria(CALL, Side.BUY, 0.3, 20, 20, 30)).orElseThrow();
        assertThat(s.contract().expiryMs()).isEqualTo(Instant.parse("2024-06-28T08:00:00Z").toEpochMilli());
        assertThat(ContractSelector.select(CHAIN, CTX, new ContractSelector.Criteria(CALL, Side.BUY, 0.3, 40, 30, 60))).isEmpty();
    }

    /** Venue greeks first, then Black–Scholes at the mark IV, then at the realized vol. */
    @Test
    void deltaSourcePrecedence() {
        OptionQuote venue = Quotes.q(CALL, 70_000, "100", "110", 0.9, 0.31, -5);
        OptionQuote markIv = Quotes.q(CALL, 60_000, "2000", "2100", OptionalDouble.of(0.5), Optional.empty());
        OptionQuote bare = Quotes.q(CALL, 62_000, "1000", "1100", OptionalDouble.empty(), Optional.empty());
        OptionChain chain = new OptionChain("BTC", Quotes.NOW, Quotes.SPOT, List.of(venue, markIv, bare));
        PricingContext ctx = Quotes.ctx(0.4);
        double t = bare.yearsToExpiry(Quotes.NOW);
        assertThat(ctx.greeks(venue).source()).isEqualTo(GreeksSource.VENUE);
        assertThat(ctx.greeks(venue).greeks().delta()).isEqualTo(0.31);
        assertThat(ctx.greeks(markIv).source()).isEqualTo(GreeksSource.MARK_IV);
        assertThat(ctx.greeks(markIv).greeks().delta()).isEqualTo(BlackScholes.greeks(CALL, 60_000, 60_000, 0, 0.5, t).delta());
        assertThat(ctx.greeks(bare).source()).isEqualTo(GreeksSource.REALIZED_VOL);
        assertThat(ctx.greeks(bare).greeks().delta()).isEqualTo(BlackScholes.greeks(CALL, 60_000, 62_000, 0, 0.4, t).delta());
        // The 70,000 call is far out of the money, but its venue delta says 0.31 and wins.
        var s = ContractSelector.select(chain, ctx, new ContractSelector.Criteria(CALL, Side.BUY, 0.30, 20, 0, 30)).orElseThrow();
        assertThat(s.contract()).isEqualTo(venue);
        assertThat(s.deltaSource()).isEqualTo(GreeksSource.VENUE);
    }

    @Test
    void skipsContractsTheSideCannotTrade() {
        OptionQuote noBid = Quotes.q(CALL, 70_000, "0", "110", 0.9, 0.30, -5);
        OptionQuote other = Quotes.q(CALL, 72_000, "50", "60", 0.9, 0.20, -4);
        OptionChain chain = new OptionChain("BTC", Quotes.NOW, Quotes.SPOT, List.of(noBid, other));
        var sell = ContractSelector.select(chain, Quotes.ctx(0.4), new ContractSelector.Criteria(CALL, Side.SELL, 0.30, 20, 0, 30));
        assertThat(sell.orElseThrow().contract()).isEqualTo(other);
        var buy = ContractSelector.select(chain, Quotes.ctx(0.4), new ContractSelector.Criteria(CALL, Side.BUY, 0.30, 20, 0, 30));
        assertThat(buy.orElseThrow().contract()).isEqualTo(noBid);
    }
}
