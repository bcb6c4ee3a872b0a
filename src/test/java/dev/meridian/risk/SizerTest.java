package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.core.Mode;
import dev.meridian.core.Side;
import dev.meridian.risk.Sizer.Limit;
import dev.meridian.risk.Sizer.Phase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed sizing cases with the shipped policy values (docs/risk.md explains each formula). */
class SizerTest {
    static final Sizer.Params SPEC = new Sizer.Params(new BigDecimal("20000"), new BigDecimal("10"),
            new BigDecimal("0.005"), new BigDecimal("0.0075"), new BigDecimal("1.2"), new BigDecimal("0.0015"),
            new BigDecimal("10"), new BigDecimal("2"), 0.80, new BigDecimal("0.05"), new BigDecimal("0.10"),
            List.of(tier("10000", "1.0", "1.0", "1.0"), tier("25000", "2.0", "1.5", "1.2"),
                    tier("50000", "3.0", "2.0", "1.5"), tier("999999", "4.0", "3.0", "2.0")),
            Map.of(AssetClass.SPOT, new BigDecimal("1.0"), AssetClass.PERP, new BigDecimal("3.0"),
                    AssetClass.OPTIONS, new BigDecimal("1.0"), AssetClass.FOREX, new BigDecimal("5.0")), 8);

    /** A row of the shipped tiers: SWING and MEAN_REVERSION share a column there; OPTIONS is left out (1). */
    static Sizer.Tier tier(String max, String scalp, String trend, String swingAndMeanReversion) {
        return new Sizer.Tier(new BigDecimal(max), Map.of(Mode.SCALP, new BigDecimal(scalp),
                Mode.INTRADAY_TREND, new BigDecimal(trend), Mode.SWING, new BigDecimal(swingAndMeanReversion),
                Mode.MEAN_REVERSION, new BigDecimal(swingAndMeanReversion)));
    }

    /** A request builder: a normal long SPOT trend entry with no session cut, 10 % Max Pair, nothing held. */
    static final class R {
        AssetClass asset = AssetClass.SPOT;
        Mode mode = Mode.INTRADAY_TREND;
        Side side = Side.BUY;
        String equity = "100000";
        String price = "100";
        String stop = "90";
        double atr = 5;
        double score = 0.5;
        boolean kpi = false;
        String session = "1";
        String maxPair = "0.10";
        String held = "0";
        Sizer.Filter filter;

        R equity(String v) { equity = v; return this; }
        R price(String p, String s, double a) { price = p; stop = s; atr = a; return this; }
        R good() { score = 0.85; kpi = true; return this; }
        R asset(AssetClass a, Mode m) { asset = a; mode = m; return this; }
        R sell() { side = Side.SELL; return this; }
        R session(String v) { session = v; return this; }
        R maxPair(String v) { maxPair = v; return this; }
        R held(String v) { held = v; return this; }
        R filter(String step, String minQty, String minUsd) {
            filter = new Sizer.Filter(new BigDecimal(step), new BigDecimal(minQty), new BigDecimal(minUsd));
            return this;
        }

        Sizer.Request build() {
            return new Sizer.Request(asset, mode, side, new BigDecimal(equity), new BigDecimal(price),
                    new BigDecimal(stop), atr, score, kpi, new BigDecimal(session), new BigDecimal(maxPair),
                    new BigDecimal(held), Optional.ofNullable(filter));
        }
    }

    static R r() { return new R(); }

    private final Sizer sizer = new Sizer(SPEC);

    private Sizer.Size size(R r) { return sizer.size(r.build()); }

    @Test
    void belowThresholdEveryOrderIsTenDollars() {
        Sizer.Size s = size(r().equity("19999.99").price("800", "790", 5).good());
        assertThat(s.phase()).isEqualTo(Phase.FIXED);
        assertThat(s.qty()).isEqualByComparingTo("0.0125");
        assertThat(s.sizeUsd()).isEqualByComparingTo("10");
        // distance max(10, 1.2 × 5, 0.0015 × 800) = 10; costs (1600 + 10) × 12 bps = 1.932 per unit
        assertThat(s.stopDistance()).isEqualByComparingTo("10");
        assertThat(s.riskUsd()).isEqualByComparingTo("0.14915");
        assertThat(s.riskBudgetUsd()).isEqualByComparingTo("0");
        assertThat(s.boundBy()).contains(Limit.FIXED);
    }

    @Test
    void fixedPhaseRoundsQuantityDownSoNotionalNeverExceedsTenDollars() {
        Sizer.Size s = size(r().equity("14000").price("3", "2.9", 0.05));
        assertThat(s.qty()).isEqualByComparingTo("3.33333333");
        assertThat(s.sizeUsd()).isEqualByComparingTo("9.99999999");
    }

    @Test
    void fixedPhaseIgnoresTheSessionMultiplier() {
        assertThat(size(r().equity("14000").session("0.5")).sizeUsd()).isEqualByComparingTo("10");
    }

    @Test
    void fixedPhaseRoundsToTheInstrumentStepAndSkipsBelowItsMinimumRatherThanUpsizing() {
        // $10 / 30,000 = 0.000333… → 0.0003 at a 0.0001 step = $9
        Sizer.Size ok = size(r().equity("14000").price("30000", "29900", 50).filter("0.0001", "0.0001", "5"));
        assertThat(ok.qty()).isEqualByComparingTo("0.0003");
        assertThat(ok.sizeUsd()).isEqualByComparingTo("9");

        Sizer.Size belowValue = size(r().equity("14000").price("30000", "29900", 50).filter("0.0001", "0.0001", "10"));
        assertThat(belowValue.skipped()).isTrue();
        assertThat(belowValue.qty()).isEqualByComparingTo("0");
        assertThat(belowValue.boundBy()).contains(Limit.MIN_ORDER);
        assertThat(belowValue.skipReason()).isEqualTo("MIN_ORDER: $9.00 is below the instrument's minimum order value $10");

        Sizer.Size belowQty = size(r().equity("14000").price("30000", "29900", 50).filter("0.0001", "0.001", "0"));
        assertThat(belowQty.skipReason()).isEqualTo("MIN_ORDER: quantity 0.0003 is below the instrument's minimum 0.001");

        Sizer.Size belowStep = size(r().equity("14000").price("30000", "29900", 50).filter("0.001", "0.001", "0"));
        assertThat(belowStep.skipReason()).startsWith("QTY_STEP: $10.00 is less than one quantity step");
    }

    @Test
    void anInstrumentsFiltersBecomeTheSizersFilterWithMissingOnesAsNone() {
        Instrument spot = new Instrument(Category.SPOT, "BTCUSDT", "Trading", "BTC", "USDT", new BigDecimal("0.01"),
                new BigDecimal("0.000001"), new BigDecimal("0.000048"), new BigDecimal("71"), new BigDecimal("5"),
                null, null, Optional.empty());
        Sizer.Filter f = Sizer.Filter.of(spot);
        assertThat(f.qtyStep()).isEqualByComparingTo("0.000001");
        assertThat(f.minOrderQty()).isEqualByComparingTo("0.000048");
        assertThat(f.minNotional()).isEqualByComparingTo("5");
        Instrument bare = new Instrument(Category.SPOT, "X", "Trading", "X", "USDT", null, null, null, null, null,
                null, null, Optional.empty());
        assertThat(Sizer.Filter.of(bare)).isEqualTo(new Sizer.Filter(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    @Test
    void fixedPhaseSkipsWhenACapLeavesLessThanTheFixedSize() {
        // normal cap 5 % of 14,000 = 700; 695 already held leaves 5
        Sizer.Size s = size(r().equity("14000").held("695"));
        assertThat(s.skipReason()).isEqualTo("PAIR_CAP: fixed $10.00 exceeds the room of $5.00");
        assertThat(s.phase()).isEqualTo(Phase.FIXED);
    }

    @Test
    void riskPhaseLossAtStopPlusCostsStaysWithinBudget() {
        Sizer.Size s = size(r());
        assertThat(s.phase()).isEqualTo(Phase.RISK_PCT);
        // budget 500; per unit: distance 10 + costs (2 × 100 + 10) × 12 bps = 0.252 → 500 / 10.252
        assertThat(s.riskBudgetUsd()).isEqualByComparingTo("500");
        assertThat(s.qty()).isEqualByComparingTo("48.77097151");
        assertThat(s.sizeUsd()).isEqualByComparingTo("4877.097151");
        assertThat(s.riskUsd()).isEqualByComparingTo("499.99999992052");
        assertThat(s.boundBy()).contains(Limit.RISK);
        assertThat(s.goodSetup()).isFalse();
        assertThat(s.equity()).isEqualByComparingTo("100000");
    }

    @Test
    void aShortIsSizedOnTheSameDistanceWithTheExitCostAtTheHigherStop() {
        Sizer.Size s = size(r().sell().price("100", "110", 5));
        assertThat(s.qty()).isEqualByComparingTo("48.77097151");
    }

    @Test
    void theStopDistanceIsNeverTighterThanThePolicyFloor() {
        // strategy stop 0.1 away, but 1.2 × ATR 2 = 2.4 and 0.15 % × 100 = 0.15: sized on 2.4
        Sizer.Size s = size(r().price("100", "99.9", 2));
        assertThat(s.stopDistance()).isEqualByComparingTo("2.4");
        // 500 / (2.4 + 202.4 × 0.0012 = 2.64288) = 189.18… units = $18,918: the 5 % cap binds at 50 units
        assertThat(s.qty()).isEqualByComparingTo("50");
    }

    @Test
    void goodSetupNeedsScoreAndKpiRailsAndRaisesTheRiskBudget() {
        Sizer.Size boosted = size(r().good());
        assertThat(boosted.goodSetup()).isTrue();
        assertThat(boosted.riskBudgetUsd()).isEqualByComparingTo("750");
        assertThat(boosted.qty()).isEqualByComparingTo("73.15645727"); // 750 / 10.252
        R noKpi = r().good();
        noKpi.kpi = false;
        assertThat(size(noKpi).goodSetup()).isFalse();
        R lowScore = r().good();
        lowScore.score = 0.79;
        assertThat(size(lowScore).goodSetup()).isFalse();
    }

    @Test
    void aOneMinuteStopHitsTheNormalCapAtFiveAndTheGoodSetupCapAtTenPercent() {
        // distance max(0.5, 1.2 × 0.1, 0.15) = 0.5; risk alone would buy 500 / 0.7406 = 675 units ($67,512)
        Sizer.Size normal = size(r().price("100", "99.5", 0.1));
        assertThat(normal.qty()).isEqualByComparingTo("50");
        assertThat(normal.sizeUsd()).isEqualByComparingTo("5000");
        assertThat(normal.boundBy()).contains(Limit.PAIR_CAP);
        assertThat(normal.steps()).extracting(Sizer.Step::limit)
                .containsExactly(Limit.RISK, Limit.PAIR_CAP, Limit.MAX_PAIR_PCT, Limit.LEVERAGE, Limit.QTY_STEP);
        assertThat(normal.steps().get(1).beforeUsd()).isGreaterThan(new BigDecimal("67512"));
        assertThat(normal.steps().get(1).afterUsd()).isEqualByComparingTo("5000");

        Sizer.Size good = size(r().price("100", "99.5", 0.1).good());
        assertThat(good.sizeUsd()).isEqualByComparingTo("10000");
        assertThat(good.riskUsd()).isEqualByComparingTo("74.06"); // far under the 750 budget
    }

    @Test
    void docsWorkedExampleBtcWithAOneMinuteAtrStop() {
        // docs/risk.md: $50,000 sub-ledger, BTC at 60,000, 1-minute ATR 40 → distance max(48, 90) = 90
        R btc = r().equity("50000").price("60000", "59910", 40);
        Sizer.Size normal = size(btc);
        assertThat(normal.stopDistance()).isEqualByComparingTo("90");
        assertThat(normal.steps().get(0).afterUsd()).isGreaterThan(new BigDecimal("64072.99"));
        assertThat(normal.qty()).isEqualByComparingTo("0.04166666");
        assertThat(normal.sizeUsd()).isEqualByComparingTo("2499.9996");
        assertThat(normal.riskUsd()).isEqualByComparingTo("9.75449843928");
        assertThat(normal.boundBy()).contains(Limit.PAIR_CAP);

        Sizer.Size good = size(btc.good());
        assertThat(good.qty()).isEqualByComparingTo("0.08333333");
        assertThat(good.riskUsd()).isEqualByComparingTo("19.50899921964");

        Sizer.Size perp = size(r().equity("50000").price("60000", "59910", 40).asset(AssetClass.PERP, Mode.SCALP));
        assertThat(perp.leverage()).isEqualByComparingTo("3");
        assertThat(perp.qty()).isEqualByComparingTo("0.125");
        assertThat(perp.marginUsd()).isEqualByComparingTo("2500");
        assertThat(perp.riskUsd()).isEqualByComparingTo("29.2635");
    }

    @Test
    void ownerMaxPairPercentAndExistingExposureReduceTheRoom() {
        Sizer.Size s = size(r().price("100", "99.5", 0.1).good().maxPair("0.03").held("1000"));
        assertThat(s.sizeUsd()).isEqualByComparingTo("2000");
        assertThat(s.boundBy()).contains(Limit.MAX_PAIR_PCT);

        Sizer.Size full = size(r().held("5000"));
        assertThat(full.skipped()).isTrue();
        assertThat(full.skipReason()).isEqualTo("PAIR_CAP: SPOT already holds $5000.00 in this symbol, the cap allows $5000.00");
    }

    @Test
    void perpCapsBoundMarginNotNotional() {
        // SCALP above the last tier is 4×, clamped to PERP's 3×: 5 % margin = $5,000 → $15,000 notional
        Sizer.Size s = size(r().asset(AssetClass.PERP, Mode.SCALP).price("100", "99.5", 0.1));
        assertThat(s.leverage()).isEqualByComparingTo("3");
        assertThat(s.sizeUsd()).isEqualByComparingTo("15000");
        assertThat(s.marginUsd()).isEqualByComparingTo("5000");
        assertThat(s.boundBy()).contains(Limit.PAIR_CAP);
    }

    @Test
    void aSessionMultiplierBelowOneScalesDownAndAboveOneLiftsNothing() {
        Sizer.Size asia = size(r().price("100", "99.5", 0.1).session("0.5"));
        assertThat(asia.sizeUsd()).isEqualByComparingTo("2500");
        assertThat(asia.boundBy()).contains(Limit.SESSION);
        assertThat(size(r().price("100", "99.5", 0.1).session("1.3")).sizeUsd()).isEqualByComparingTo("5000");
    }

    @Test
    void leverageFollowsTiersAndIsClampedByTheAssetCap() {
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("5000"))).isEqualByComparingTo("1.0");
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("20000"))).isEqualByComparingTo("2.0");
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("25000.01"))).isEqualByComparingTo("3.0");
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("2000000"))).isEqualByComparingTo("3.0");
        assertThat(sizer.leverage(AssetClass.FOREX, Mode.SCALP, new BigDecimal("2000000"))).isEqualByComparingTo("4.0");
        assertThat(sizer.leverage(AssetClass.SPOT, Mode.SCALP, new BigDecimal("2000000"))).isEqualByComparingTo("1.0");
        assertThat(sizer.leverage(AssetClass.PERP, Mode.OPTIONS, new BigDecimal("2000000"))).isEqualByComparingTo("1");
    }

    @Test
    void badInputIsRefusedWithAReasonAndNothingSized() {
        assertRefused(r().price("0", "-1", 5), "price must be > 0, got 0");
        assertRefused(r().price("-5", "-6", 5), "price must be > 0, got -5");
        assertRefused(r().equity("0"), "sub-ledger equity must be > 0, got 0");
        assertRefused(r().price("100", "90", 0), "ATR must be a number > 0, got 0.0");
        assertRefused(r().price("100", "90", Double.NaN), "ATR must be a number > 0, got NaN");
        assertRefused(r().price("100", "100", 5), "stop 100 is not below the entry price 100 of a BUY");
        assertRefused(r().price("100", "110", 5), "stop 110 is not below the entry price 100 of a BUY");
        assertRefused(r().sell().price("100", "90", 5), "stop 90 is not above the entry price 100 of a SELL");
        assertRefused(r().session("0"), "session size multiplier must be > 0, got 0");
        assertRefused(r().maxPair("1.5"), "Max Pair % must be in (0, 100], got 1.5 as a fraction");
        assertRefused(r().held("-1"), "symbol exposure must be >= 0, got -1");
    }

    private void assertRefused(R r, String reason) {
        Sizer.Size s = size(r);
        assertThat(s.phase()).isEqualTo(Phase.REFUSED);
        assertThat(s.skipReason()).isEqualTo(reason);
        assertThat(s.qty()).isEqualByComparingTo("0");
        assertThat(s.sizeUsd()).isEqualByComparingTo("0");
        assertThat(s.boundBy()).isEmpty();
    }
}
