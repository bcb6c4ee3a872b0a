package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lookups the records offer over the shipped policies, and the invariants their constructors keep. */
class PoliciesTest {
    private static final Policies P = Shipped.parse(Shipped.conf(), Shipped.policies(), Map.of()).orElseThrow().policies();

    @Test
    void kpiGateIsTheStricterOfModeAndAssetClass() {
        KpiThresholds t = P.kpiThresholds(AssetClass.SPOT, Mode.SCALP).orElseThrow();
        assertThat(t.minTrades()).isEqualTo(100);     // mode 100, asset 50
        assertThat(t.minSharpe()).isEqualTo(2.0);     // mode 1.5, asset 2.0
        assertThat(t.minSortino()).isEqualTo(3.0);
        assertThat(t.minCalmar()).isEqualTo(1.2);
        assertThat(t.maxDrawdown()).isEqualByComparingTo("0.10"); // mode 0.10, asset 0.15
        assertThat(t.minExpectancy()).isEqualByComparingTo("0");
    }

    @Test
    void aModeTheAssetClassDoesNotTradeHasNoGate() {
        assertThat(P.kpiThresholds(AssetClass.SPOT, Mode.OPTIONS)).isEmpty();
        assertThat(P.kpiThresholds(AssetClass.FOREX, Mode.SWING)).isEmpty();
        assertThat(P.kpiThresholds(AssetClass.OPTIONS, Mode.OPTIONS)).isPresent();
    }

    @Test
    void leverageTierIsChosenByInclusiveEquityMaxAndTheLastTierHoldsAbove() {
        SizingPolicy s = P.sizing();
        assertThat(s.tierFor(new BigDecimal("10000")).equityMaxUsd()).isEqualByComparingTo("10000");
        assertThat(s.tierFor(new BigDecimal("10000.01")).equityMaxUsd()).isEqualByComparingTo("25000");
        assertThat(s.tierFor(new BigDecimal("5000000")).equityMaxUsd()).isEqualByComparingTo("999999");
        assertThat(s.tierFor(BigDecimal.ZERO).leverageFor(Mode.OPTIONS)).isEqualByComparingTo("1");
    }

    @Test
    void leverageCapIsClampedByTheAssetClass() {
        SizingPolicy s = P.sizing();
        assertThat(s.leverageCap(AssetClass.PERP, Mode.SCALP, new BigDecimal("60000"))).isEqualByComparingTo("3");
        assertThat(s.leverageCap(AssetClass.PERP, Mode.SWING, new BigDecimal("60000"))).isEqualByComparingTo("2");
        assertThat(s.leverageCap(AssetClass.SPOT, Mode.SCALP, new BigDecimal("60000"))).isEqualByComparingTo("1");
        assertThat(s.leverageCap(AssetClass.FOREX, Mode.SCALP, new BigDecimal("30000"))).isEqualByComparingTo("3");
    }

    @Test
    void everyInstantOfTheDayHasItsSession() {
        SessionPolicy s = P.session();
        assertThat(s.labelAt(Instant.parse("2024-03-04T00:00:00Z"))).isEqualTo(SessionLabel.ASIA);
        assertThat(s.labelAt(Instant.parse("2024-03-04T06:59:59.999Z"))).isEqualTo(SessionLabel.ASIA);
        assertThat(s.labelAt(Instant.parse("2024-03-04T07:00:00Z"))).isEqualTo(SessionLabel.ASIA_EU);
        assertThat(s.labelAt(Instant.parse("2024-03-04T08:00:00Z"))).isEqualTo(SessionLabel.EU);
        assertThat(s.labelAt(Instant.parse("2024-03-04T13:00:00Z"))).isEqualTo(SessionLabel.EU_US);
        assertThat(s.labelAt(Instant.parse("2024-03-04T16:00:00Z"))).isEqualTo(SessionLabel.US);
        assertThat(s.labelAt(Instant.parse("2024-03-04T20:00:00Z"))).isEqualTo(SessionLabel.OFF_HOURS);
        assertThat(s.labelAt(Instant.parse("2024-03-04T23:59:59Z"))).isEqualTo(SessionLabel.OFF_HOURS);
    }

    @Test
    void assetFactorsMultiplyTheSessionProfile() {
        SessionPolicy s = P.session();
        SessionProfile forexAsia = s.profile(SessionLabel.ASIA, AssetClass.FOREX);
        assertThat(forexAsia.sizeMult()).isEqualByComparingTo("0.6"); // 0.75 * 0.8
        assertThat(forexAsia.slMult()).isEqualByComparingTo("1");
        assertThat(forexAsia.allowedModes()).isEqualTo(s.sessions().get(SessionLabel.ASIA).allowedModes());
        assertThat(s.profile(SessionLabel.ASIA, AssetClass.SPOT).sizeMult()).isEqualByComparingTo("0.75");
        assertThat(s.profile(SessionLabel.EU, AssetClass.FOREX).sizeMult()).isEqualByComparingTo("1");
    }

    @Test
    void forexIsClosedFromFridayToSundayEvening() {
        WeeklyWindow closed = P.session().forexClosed();
        assertThat(closed.contains(Instant.parse("2024-03-08T21:59:59Z"))).isFalse(); // Friday
        assertThat(closed.contains(Instant.parse("2024-03-08T22:00:00Z"))).isTrue();
        assertThat(closed.contains(Instant.parse("2024-03-09T12:00:00Z"))).isTrue();  // Saturday
        assertThat(closed.contains(Instant.parse("2024-03-10T21:59:00Z"))).isTrue();  // Sunday
        assertThat(closed.contains(Instant.parse("2024-03-10T22:00:00Z"))).isFalse();
        assertThat(closed.contains(Instant.parse("2024-03-11T09:00:00Z"))).isFalse(); // Monday
    }

    @Test
    void aWeeklyWindowMayWrapPastSundayMidnight() {
        WeeklyWindow w = new WeeklyWindow(Values.minuteOfWeek("SUN 20:00"), Values.minuteOfWeek("MON 02:00"));
        assertThat(w.contains(Instant.parse("2024-03-10T23:00:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2024-03-11T01:59:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2024-03-11T02:00:00Z"))).isFalse();
        assertThat(w.contains(Instant.parse("2024-03-10T19:59:00Z"))).isFalse();
    }

    @Test
    void constructorsRefuseWhatTheParserRefuses() {
        SizingGlobal g = P.sizing().global();
        assertThatThrownBy(() -> new SizingGlobal(g.equityThresholdUsd(), g.fixedTradeUsd(), g.maxRiskPct(),
                g.maxRiskPctGoodSetup(), g.atrMultSl(), g.minStopDistancePct(), g.slippageBps(), new BigDecimal("-1"),
                g.goodSetupScoreMin(), g.pairAllocationCapPct(), g.normalSetupCapPct(), g.equitySource()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fee_bps must be a number in [0, 1000], got -1");
        assertThatThrownBy(() -> new KpiThresholds(10, BigDecimal.ZERO, Double.NaN, 1, 1, new BigDecimal("0.1")))
                .hasMessage("min_sharpe must be a number in [0, 100], got NaN");
        assertThatThrownBy(() -> new SessionProfile(SessionLabel.EU, 480, 1500, EnumSet.of(Mode.SCALP),
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE))
                .hasMessage("start must be before end within 00:00..24:00, got 08:00..25:00");
        assertThatThrownBy(() -> new Allocation.FractionOfEquity(Map.of(AssetClass.SPOT, BigDecimal.ONE), new BigDecimal("15000")))
                .hasMessage("asset_allocation_pct.PERP is missing");
    }

    @Test
    void recordsHoldImmutableCopies() {
        assertThatThrownBy(() -> P.kpi().byMode().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> P.sizing().leverageTiers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> P.assetKpi().of(AssetClass.SPOT).modes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> P.session().assetFactors().get(AssetClass.FOREX).clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
