package dev.meridian.options;

import static dev.meridian.options.OptionType.CALL;
import static dev.meridian.options.OptionType.PUT;
import static dev.meridian.options.Quotes.q;
import static dev.meridian.options.Quotes.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * Each package against figures computed by hand from its legs' prices (BUY at the ask, SELL at the
 * bid), and its profit at expiry at several underlying prices against the payoff formula.
 */
class PackageBuilderTest {
    private static final BigDecimal STEP = new BigDecimal("0.01");
    private final PackageBuilder builder = new PackageBuilder(Quotes.ctx(0.5), STEP, STEP);

    private static final double[] PRICES = {0, 30_000, 54_000, 55_000, 55_150, 56_000, 57_000, 58_700, 60_000, 61_300,
            63_000, 64_000, 64_850, 65_000, 67_000, 70_000, 120_000};

    private static double call(double s, double k) { return Math.max(s - k, 0); }

    private static double put(double s, double k) { return Math.max(k - s, 0); }

    private static void assertPayoff(OptionPackage p, DoubleUnaryOperator formula) {
        for (double s : PRICES) {
            assertThat(p.profitAt(BigDecimal.valueOf(s)).doubleValue()).as("profit at %s", s).isCloseTo(formula.applyAsDouble(s), within(1e-9));
        }
        for (double be : p.breakevens()) assertThat(p.profitAt(BigDecimal.valueOf(be)).doubleValue()).as("profit at breakeven %s", be).isCloseTo(0, within(1e-6));
    }

    @Test
    void bullCallSpread() {
        // Long 60,000 C at 2,000, short 65,000 C at 700: debit 1,300.
        OptionPackage p = builder.verticalDebit(PackageBuilder.Bias.BULLISH, q(CALL, 60_000, "1900", "2000"), q(CALL, 65_000, "700", "800"));
        assertThat(p.kind()).isEqualTo(OptionPackage.Kind.BULL_CALL_SPREAD);
        assertThat(p.netPremium()).isEqualByComparingTo("1300");
        assertThat(p.maxLoss()).isEqualByComparingTo("1300");
        assertThat(p.maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("3700"));
        assertThat(p.breakevens()).containsExactly(61_300.0);
        assertPayoff(p, s -> call(s, 60_000) - call(s, 65_000) - 1_300);
    }

    @Test
    void bearPutSpread() {
        // Long 60,000 P at 1,900, short 55,000 P at 600: debit 1,300.
        OptionPackage p = builder.verticalDebit(PackageBuilder.Bias.BEARISH, q(PUT, 60_000, "1800", "1900"), q(PUT, 55_000, "600", "700"));
        assertThat(p.kind()).isEqualTo(OptionPackage.Kind.BEAR_PUT_SPREAD);
        assertThat(p.netPremium()).isEqualByComparingTo("1300");
        assertThat(p.maxLoss()).isEqualByComparingTo("1300");
        assertThat(p.maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("3700"));
        assertThat(p.breakevens()).containsExactly(58_700.0);
        assertPayoff(p, s -> put(s, 60_000) - put(s, 55_000) - 1_300);
    }

    @Test
    void bullPutSpread() {
        // Short 57,000 P at 1,000, long 55,000 P at 600: credit 400 on a 2,000 width.
        OptionPackage p = builder.verticalCredit(PackageBuilder.Bias.BULLISH, q(PUT, 57_000, "1000", "1100"), q(PUT, 55_000, "500", "600"));
        assertThat(p.kind()).isEqualTo(OptionPackage.Kind.BULL_PUT_SPREAD);
        assertThat(p.netPremium()).isEqualByComparingTo("-400");
        assertThat(p.maxLoss()).isEqualByComparingTo("1600");
        assertThat(p.maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("400"));
        assertThat(p.breakevens()).containsExactly(56_600.0);
        assertPayoff(p, s -> -put(s, 57_000) + put(s, 55_000) + 400);
    }

    @Test
    void bearCallSpread() {
        // Short 63,000 C at 1,100, long 65,000 C at 750: credit 350 on a 2,000 width.
        OptionPackage p = builder.verticalCredit(PackageBuilder.Bias.BEARISH, q(CALL, 63_000, "1100", "1200"), q(CALL, 65_000, "650", "750"));
        assertThat(p.kind()).isEqualTo(OptionPackage.Kind.BEAR_CALL_SPREAD);
        assertThat(p.netPremium()).isEqualByComparingTo("-350");
        assertThat(p.maxLoss()).isEqualByComparingTo("1650");
        assertThat(p.maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("350"));
        assertThat(p.breakevens()).containsExactly(63_350.0);
        assertPayoff(p, s -> -call(s, 63_000) + call(s, 65_000) + 350);
    }

    @Test
    void protectivePut() {
        // Long 1 BTC at 60,000 and the 57,000 P at 1,200.
        OptionPackage p = builder.protectivePut(q(PUT, 57_000, "1100", "1200"), usd("60000"));
        assertThat(p.kind()).isEqualTo(OptionPackage.Kind.PROTECTIVE_PUT);
        assertThat(p.netPremium()).isEqualByComparingTo("1200");
        assertThat(p.maxLoss()).isEqualByComparingTo("4200");
        assertThat(p.maxGain()).isEmpty();
        assertThat(p.breakevens()).containsExactly(61_200.0);
        assertThat(p.legs()).filteredOn(l -> !l.isOption()).singleElement()
                .satisfies(l -> assertThat(l.greeks().delta()).isEqualTo(1.0));
        assertPayoff(p, s -> (s - 60_000) + put(s, 57_000) - 1_200);
    }

    @Test
    void ironCondorWithUnequalWings() {
        // Long 54,000 P at 450, short 56,000 P at 800, short 64,000 C at 900, long 67,000 C at 400:
        // credit 850; the wider (call) wing of 3,000 sets max loss 3,000 − 850.
        OptionPackage p = builder.ironCondor(q(PUT, 54_000, "400", "450"), q(PUT, 56_000, "800", "850"),
                q(CALL, 64_000, "900", "950"), q(CALL, 67_000, "350", "400"));
        assertThat(p.kind()).isEqualTo(OptionPackage.Kind.IRON_CONDOR);
        assertThat(p.netPremium()).isEqualByComparingTo("-850");
        assertThat(p.maxLoss()).isEqualByComparingTo("2150");
        assertThat(p.maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("850"));
        assertThat(p.breakevens()).containsExactly(55_150.0, 64_850.0);
        assertPayoff(p, s -> put(s, 54_000) - put(s, 56_000) - call(s, 64_000) + call(s, 67_000) + 850);
    }

    @Test
    void netGreeksAreSignedSumsOfTheLegs() {
        OptionQuote longCall = q(CALL, 60_000, "1900", "2000", 0.5, 0.55, -30);
        OptionQuote shortCall = q(CALL, 65_000, "700", "800", 0.5, 0.30, -20);
        OptionPackage p = builder.bullCallSpread(longCall, shortCall).withQty(new BigDecimal("0.5"));
        assertThat(p.netDelta()).isCloseTo(0.5 * (0.55 - 0.30), within(1e-12));
        assertThat(p.netThetaPerDay()).isCloseTo(0.5 * (-30 + 20), within(1e-9));
        assertThat(p.netPremium()).isEqualByComparingTo("650");
        assertThat(p.maxLoss()).isEqualByComparingTo("650");
        assertThat(p.breakevens()).containsExactly(61_300.0);
    }

    @Test
    void refusesContractsThatDoNotFormThePackage() {
        assertThatThrownBy(() -> builder.bullCallSpread(q(CALL, 65_000, "700", "800"), q(CALL, 60_000, "1900", "2000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strike must be below");
        assertThatThrownBy(() -> builder.bullCallSpread(q(PUT, 60_000, "1900", "2000"), q(CALL, 65_000, "700", "800")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a CALL");
        assertThatThrownBy(() -> builder.bearCallSpread(q(CALL, 63_000, "0", "1200"), q(CALL, 65_000, "650", "750")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no bid");
    }

    // --- sizing -------------------------------------------------------------------------------

    @Test
    void debitSpreadSpendsAtMostTenDollarsOfPremium() {
        // Long 70,000 C at 145, short 71,000 C at 100: 45 a unit. $10 / 45 = 0.222 → 0.22, premium $9.90.
        OptionPackage unit = builder.bullCallSpread(q(CALL, 70_000, "140", "145"), q(CALL, 71_000, "100", "105"));
        PackageSizing sizing = builder.size(unit, usd("10"));
        assertThat(sizing.ok()).isTrue();
        assertThat(sizing.basis()).isEqualTo(PackageSizing.Basis.PREMIUM);
        assertThat(sizing.qty()).isEqualByComparingTo("0.22");
        OptionPackage sized = sizing.sized().orElseThrow();
        assertThat(sized.legs()).allSatisfy(l -> assertThat(l.qty()).isEqualByComparingTo("0.22"));
        assertThat(sized.netPremium()).isEqualByComparingTo("9.90");
        assertThat(sized.maxLoss()).isEqualByComparingTo("9.90");
        assertThat(sized.maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("210.10"));
    }

    @Test
    void creditSpreadRisksAtMostTenDollars() {
        // Short 57,000 P at 1,000, long 56,500 P at 900: credit 100, max loss 400 a unit. $10 / 400 = 0.025 → 0.02.
        OptionPackage unit = builder.bullPutSpread(q(PUT, 57_000, "1000", "1100"), q(PUT, 56_500, "800", "900"));
        PackageSizing sizing = builder.size(unit, usd("10"));
        assertThat(sizing.basis()).isEqualTo(PackageSizing.Basis.MAX_LOSS);
        assertThat(sizing.qty()).isEqualByComparingTo("0.02");
        assertThat(sizing.sized().orElseThrow().maxLoss()).isEqualByComparingTo("8.00");
        assertThat(sizing.sized().orElseThrow().netPremium()).isEqualByComparingTo("-2.00");
    }

    @Test
    void ironCondorRisksAtMostTenDollars() {
        // Credit 650 + 700 − 500 − 520 = 330 on 500-wide wings: max loss 170 a unit. $10 / 170 = 0.0588 → 0.05, max loss $8.50.
        OptionPackage unit = builder.ironCondor(q(PUT, 56_500, "450", "500"), q(PUT, 57_000, "650", "700"),
                q(CALL, 63_000, "700", "750"), q(CALL, 63_500, "480", "520"));
        assertThat(unit.maxLoss()).isEqualByComparingTo("170");
        PackageSizing sizing = builder.size(unit, usd("10"));
        assertThat(sizing.qty()).isEqualByComparingTo("0.05");
        assertThat(sizing.sized().orElseThrow().maxLoss()).isEqualByComparingTo("8.50");
        assertThat(sizing.sized().orElseThrow().maxGain()).hasValueSatisfying(g -> assertThat(g).isEqualByComparingTo("16.50"));
    }

    @Test
    void belowTheMinimumQtyIsRefusedNotUpsized() {
        // 1,300 a unit: $10 buys 0.0077, rounded down to 0.00 < 0.01.
        OptionPackage unit = builder.bullCallSpread(q(CALL, 60_000, "1900", "2000"), q(CALL, 65_000, "700", "800"));
        PackageSizing sizing = builder.size(unit, usd("10"));
        assertThat(sizing.ok()).isFalse();
        assertThat(sizing.sized()).isEmpty();
        assertThat(sizing.qty()).isEqualByComparingTo("0");
        assertThat(sizing.refusal()).hasValueSatisfying(r -> assertThat(r)
                .contains("BULL_CALL_SPREAD").contains("$10 of premium").contains("$1300.00 per unit").contains("below the minimum qty 0.01"));
        // The general size() with a larger budget: $100 / 1,300 = 0.0769 → 0.07.
        PackageSizing larger = builder.size(unit, usd("100"));
        assertThat(larger.qty()).isEqualByComparingTo("0.07");
        assertThat(larger.sized().orElseThrow().netPremium()).isEqualByComparingTo("91");
    }

    @Test
    void minimumAboveTheStepRefusesQuantitiesBetween() {
        PackageBuilder coarse = new PackageBuilder(Quotes.ctx(0.5), STEP, new BigDecimal("0.1"));
        OptionPackage unit = coarse.bullCallSpread(q(CALL, 70_000, "140", "145"), q(CALL, 71_000, "100", "105"));
        PackageSizing sizing = coarse.size(unit, usd("4"));
        assertThat(sizing.qty()).isEqualByComparingTo("0.08");
        assertThat(sizing.refusal()).hasValueSatisfying(r -> assertThat(r).contains("below the minimum qty 0.1"));
    }

    @Test
    void legsAreTradedAtBidAndAsk() {
        OptionPackage p = builder.bullCallSpread(q(CALL, 60_000, "1900", "2000"), q(CALL, 65_000, "700", "800"));
        assertThat(p.legs()).extracting(OptionPackage.Leg::side).containsExactly(Side.BUY, Side.SELL);
        assertThat(p.legs()).extracting(OptionPackage.Leg::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(usd("2000"), usd("700"));
    }
}
