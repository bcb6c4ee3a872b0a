package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SizerTest {
    static final Sizer.Params SPEC = new Sizer.Params(new BigDecimal("20000"), new BigDecimal("10"), new BigDecimal("0.005"),
            new BigDecimal("0.0075"), new BigDecimal("10"), new BigDecimal("2"), 0.80, new BigDecimal("0.10"),
            List.of(tier("10000", "1.0", "1.0"), tier("25000", "2.0", "1.5"), tier("50000", "3.0", "2.0"), tier("999999", "4.0", "3.0")),
            Map.of(AssetClass.SPOT, new BigDecimal("1.0"), AssetClass.PERP, new BigDecimal("3.0")), 8);

    static Sizer.Tier tier(String max, String scalp, String trend) {
        return new Sizer.Tier(new BigDecimal(max), Map.of(Mode.SCALP, new BigDecimal(scalp), Mode.INTRADAY_TREND, new BigDecimal(trend)));
    }

    static Sizer.Request req(String equity, String price, String stop, double score, boolean kpiPass) {
        return new Sizer.Request(AssetClass.SPOT, Mode.INTRADAY_TREND, new BigDecimal(equity), new BigDecimal(price),
                new BigDecimal(stop), score, kpiPass, new BigDecimal("0.10"), BigDecimal.ZERO);
    }

    private final Sizer sizer = new Sizer(SPEC);

    @Test
    void belowThresholdEveryOrderIsTenDollars() {
        Sizer.Size s = sizer.size(req("19999.99", "800", "790", 0.95, true));
        assertThat(s.phase()).isEqualTo("FIXED");
        assertThat(s.qty()).isEqualByComparingTo("0.0125");
        assertThat(s.sizeUsd()).isEqualByComparingTo("10");
        assertThat(s.riskUsd()).isEqualByComparingTo("0.125");
    }

    @Test
    void fixedPhaseRoundsQuantityDownSoNotionalNeverExceedsTenDollars() {
        Sizer.Size s = sizer.size(req("14000", "3", "2.9", 0.5, false));
        assertThat(s.qty()).isEqualByComparingTo("3.33333333");
        assertThat(s.sizeUsd()).isLessThanOrEqualTo(new BigDecimal("10"));
    }

    @Test
    void riskPhaseLossAtStopPlusCostsStaysWithinBudget() {
        Sizer.Size s = sizer.size(req("100000", "100", "90", 0.5, false));
        assertThat(s.phase()).isEqualTo("RISK_PCT");
        // budget 500; per unit: stop distance 10 + round-trip costs 100 × 2 × 12 bps = 0.24
        assertThat(s.qty()).isEqualByComparingTo("48.828125");
        BigDecimal lossAtStop = s.qty().multiply(new BigDecimal("10.24"));
        assertThat(lossAtStop).isLessThanOrEqualTo(new BigDecimal("500"));
        assertThat(s.goodSetup()).isFalse();
    }

    @Test
    void goodSetupNeedsScoreAndKpiRailsAndRaisesTheRiskBudget() {
        Sizer.Size boosted = sizer.size(req("100000", "100", "90", 0.85, true));
        assertThat(boosted.goodSetup()).isTrue();
        assertThat(boosted.qty()).isEqualByComparingTo("73.2421875"); // 750 / 10.24
        assertThat(sizer.size(req("100000", "100", "90", 0.85, false)).goodSetup()).isFalse();
        assertThat(sizer.size(req("100000", "100", "90", 0.79, true)).goodSetup()).isFalse();
    }

    @Test
    void pairCapClampsATightStop() {
        // budget 500 over a 2.24 per-unit loss would be 223 units ($22,321): the 10% pair cap allows $10,000
        Sizer.Size s = sizer.size(req("100000", "100", "98", 0.5, false));
        assertThat(s.qty()).isEqualByComparingTo("100");
        assertThat(s.sizeUsd()).isEqualByComparingTo("10000");
    }

    @Test
    void ownerMaxPairPercentAndExistingExposureReduceTheRoom() {
        Sizer.Request r = new Sizer.Request(AssetClass.SPOT, Mode.INTRADAY_TREND, new BigDecimal("100000"),
                new BigDecimal("100"), new BigDecimal("98"), 0.5, false, new BigDecimal("0.05"), new BigDecimal("1000"));
        assertThat(sizer.size(r).sizeUsd()).isEqualByComparingTo("4000");
        Sizer.Request full = new Sizer.Request(AssetClass.SPOT, Mode.INTRADAY_TREND, new BigDecimal("14000"),
                new BigDecimal("100"), new BigDecimal("98"), 0.5, false, new BigDecimal("0.01"), new BigDecimal("140"));
        assertThat(sizer.size(full).skipReason()).contains("pair cap");
    }

    @Test
    void leverageFollowsTiersAndIsClampedByTheAssetCap() {
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("5000"))).isEqualByComparingTo("1.0");
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("20000"))).isEqualByComparingTo("2.0");
        assertThat(sizer.leverage(AssetClass.PERP, Mode.SCALP, new BigDecimal("2000000"))).isEqualByComparingTo("3.0");
        assertThat(sizer.leverage(AssetClass.SPOT, Mode.SCALP, new BigDecimal("2000000"))).isEqualByComparingTo("1.0");
    }

    @Test
    void degenerateInputsAreSkippedWithAReason() {
        assertThat(sizer.size(req("14000", "100", "100", 0.5, false)).skipReason()).contains("stop equals entry");
        assertThat(sizer.size(req("0", "100", "90", 0.5, false)).skipReason()).contains("equity");
    }
}
