package dev.meridian.regime;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Regime;
import dev.meridian.indicators.EthBars;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

public class RegimeDetectorTest {
    /** A bar centred on {@code close} with high − low = {@code range}; public because strategy tests build bars with it. */
    public static Bar bar(int i, double close, double range) {
        BigDecimal c = BigDecimal.valueOf(close);
        return new Bar("X", AssetClass.SPOT, 60, i * 60_000L, c, BigDecimal.valueOf(close + range / 2),
                BigDecimal.valueOf(close - range / 2), c, BigDecimal.ONE, i, false);
    }

    /**
     * Short lengths so the constructed series stay small. Warm-up: max(ema 10, atr 5, adx 2·5, er 10 + 1,
     * bb 10 + lookback 20 − 1 = 29) = 29 bars.
     */
    static final RegimeDetector.Params SMALL = new RegimeDetector.Params(5, 10, 5, 25, 20, 5, 0.05, 10, 2.0, 0.03,
            20, 0.9, 10, 0.3, 3, 0.6);

    private static List<RegimeDetector.Reading> run(RegimeDetector.Params p, List<Bar> bars) {
        RegimeDetector d = new RegimeDetector(p);
        List<RegimeDetector.Reading> out = new ArrayList<>();
        for (Bar b : bars) out.add(d.update(b));
        return out;
    }

    /** Closes of a straight line of {@code slope} per bar with a little deterministic wobble. */
    private static List<Bar> trend(int n, double slope) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) bars.add(bar(i, 100 + slope * i + 0.05 * Math.sin(i), 0.6));
        return bars;
    }

    /** A mean-reverting chop around 100: a 10-bar sine of amplitude 0.6 plus seeded noise. */
    private static List<Bar> range(int n, long seed) {
        Random rnd = new Random(seed);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) bars.add(bar(i, 100 + 0.6 * Math.sin(2 * Math.PI * i / 10) + 0.15 * rnd.nextGaussian(), 0.5));
        return bars;
    }

    private static List<Bar> calm(int n) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) bars.add(bar(i, 100 + 0.05 * Math.sin(i), 0.2));
        return bars;
    }

    private static Regime last(List<RegimeDetector.Reading> rs) { return rs.get(rs.size() - 1).regime(); }

    @Test
    void warmupIsTheLongestMeasureWarmup() {
        assertThat(new RegimeDetector(SMALL).warmupBars()).isEqualTo(29);
    }

    @Test
    void noTrustedReadingDuringWarmup() {
        List<RegimeDetector.Reading> rs = run(SMALL, range(60, 1));
        int warmup = new RegimeDetector(SMALL).warmupBars();
        for (int i = 0; i < rs.size(); i++) {
            RegimeDetector.Reading r = rs.get(i);
            assertThat(r.warm()).as("bar %d", i).isEqualTo(i >= warmup - 1);
            if (!r.warm()) {
                assertThat(r.changed()).isFalse();
                assertThat(r.raw()).isNull();
                assertThat(r.confidence()).isZero();
                assertThat(r.regime()).isEqualTo(Regime.RANGE);
            }
        }
    }

    @Test
    void cleanSteadyUptrendIsTrendUpAndNeverVolatile() {
        List<RegimeDetector.Reading> rs = run(SMALL, trend(80, 0.5));
        assertThat(last(rs)).isEqualTo(Regime.TREND_UP);
        assertThat(rs.get(rs.size() - 1).confidence()).isGreaterThanOrEqualTo(SMALL.minConfidence());
        assertThat(rs).noneMatch(r -> r.raw() == Regime.VOLATILE || r.raw() == Regime.TREND_DOWN);
        assertThat(rs.stream().filter(RegimeDetector.Reading::changed).count()).isEqualTo(1);
    }

    @Test
    void cleanSteadyDowntrendIsTrendDown() {
        List<RegimeDetector.Reading> rs = run(SMALL, trend(80, -0.5));
        assertThat(last(rs)).isEqualTo(Regime.TREND_DOWN);
        assertThat(rs).noneMatch(r -> r.raw() == Regime.VOLATILE || r.raw() == Regime.TREND_UP);
    }

    @Test
    void flatNoisyRangeIsRange() {
        for (long seed = 1; seed <= 5; seed++) {
            List<RegimeDetector.Reading> rs = run(SMALL, range(300, seed));
            assertThat(rs).as("seed %d", seed).allMatch(r -> r.regime() == Regime.RANGE);
            assertThat(rs).noneMatch(RegimeDetector.Reading::changed);
        }
    }

    @Test
    void suddenBurstOfWideBarsAfterCalmIsVolatileEvenBelowTheAtrThreshold() {
        List<Bar> bars = new ArrayList<>(calm(60));
        // Closes whipping ±1.5 around 100 on bars 2 wide: ATR% ≈ 0.03 stays under atr_pct_volatile
        // (0.05), so only the band-burst rule can call it.
        for (int i = 60; i < 75; i++) bars.add(bar(i, 100 + (i % 2 == 0 ? 1.5 : -1.5), 2));
        List<RegimeDetector.Reading> rs = run(SMALL, bars);
        assertThat(rs.subList(0, 60)).allMatch(r -> r.regime() == Regime.RANGE);
        int switched = -1;
        for (int i = 60; i < 75; i++) {
            assertThat(rs.get(i).measures().atrPct()).isLessThan(SMALL.atrPctVolatile());
            if (rs.get(i).changed()) switched = i;
        }
        assertThat(switched).isBetween(60 + SMALL.hysteresisBars() - 1, 70);
        assertThat(rs.get(switched).regime()).isEqualTo(Regime.VOLATILE);
        assertThat(rs.get(switched).measures().bbWidthPercentile()).isGreaterThanOrEqualTo(SMALL.bbWidthVolatilePercentile());
    }

    @Test
    void burstOfVeryWideBarsIsVolatileByAtr() {
        List<Bar> bars = new ArrayList<>(calm(60));
        for (int i = 60; i < 70; i++) bars.add(bar(i, 100 + (i % 2 == 0 ? 3 : -3), 12));
        List<RegimeDetector.Reading> rs = run(SMALL, bars);
        assertThat(last(rs)).isEqualTo(Regime.VOLATILE);
        assertThat(rs.get(rs.size() - 1).measures().atrPct()).isGreaterThanOrEqualTo(SMALL.atrPctVolatile());
    }

    @Test
    void steadyTrendOutOfCalmWidensTheBandsButIsNotVolatile() {
        List<Bar> bars = new ArrayList<>(calm(60));
        for (int i = 60; i < 100; i++) bars.add(bar(i, 100 + 0.5 * (i - 59), 0.6));
        List<RegimeDetector.Reading> rs = run(SMALL, bars);
        // The bands do burst open relative to the calm spell...
        assertThat(rs.subList(60, 100)).anyMatch(r -> r.measures().bbWidth() >= SMALL.bbWidthVolatilePct()
                && r.measures().bbWidthPercentile() >= SMALL.bbWidthVolatilePercentile());
        // ...but the move is efficient, so it reads as a trend, never as VOLATILE.
        assertThat(rs.subList(60, 100)).noneMatch(r -> r.raw() == Regime.VOLATILE);
        assertThat(last(rs)).isEqualTo(Regime.TREND_UP);
    }

    @Test
    void hysteresisHoldsAOneBarBlip() {
        List<Bar> bars = range(120, 3);
        // One bar 25 wide centred on its close lifts the 5-bar ATR to ≈ 5.4 % of price for one bar only.
        int spike = 80;
        bars.set(spike, bar(spike, bars.get(spike).closeD(), 25));
        List<RegimeDetector.Reading> rs = run(SMALL, bars);
        assertThat(rs.get(spike).raw()).isEqualTo(Regime.VOLATILE);
        assertThat(rs.get(spike + 1).raw()).isNotEqualTo(Regime.VOLATILE);
        assertThat(rs).allMatch(r -> r.regime() == Regime.RANGE).noneMatch(RegimeDetector.Reading::changed);

        // Without hysteresis the same blip does switch the label: the test above is not vacuous.
        RegimeDetector.Params eager = new RegimeDetector.Params(5, 10, 5, 25, 20, 5, 0.05, 10, 2.0, 0.03, 20, 0.9, 10, 0.3, 1, 0.5);
        assertThat(run(eager, bars).get(spike).regime()).isEqualTo(Regime.VOLATILE);
    }

    @Test
    void nonFiniteMeasuresNeverChangeTheRegime() {
        List<Bar> bars = new ArrayList<>(trend(60, 0.5));
        // Zero prices make ATR% infinite: such bars must not be classified at all.
        for (int i = 60; i < 70; i++) bars.add(bar(i, 0, 0));
        List<RegimeDetector.Reading> rs = run(SMALL, bars);
        assertThat(rs.get(59).regime()).isEqualTo(Regime.TREND_UP);
        for (int i = 60; i < 70; i++) {
            RegimeDetector.Reading r = rs.get(i);
            assertThat(r.measures().finite()).isFalse();
            assertThat(r.warm()).isFalse();
            assertThat(r.changed()).isFalse();
            assertThat(r.raw()).isNull();
            assertThat(r.regime()).isEqualTo(Regime.TREND_UP);
        }
    }

    @Test
    void sameBarsGiveTheSameReadings() {
        List<Bar> bars = ethBars();
        assertThat(run(defaultParams(), bars)).isEqualTo(run(defaultParams(), bars));
        assertThat(run(SMALL, range(200, 9))).isEqualTo(run(SMALL, range(200, 9)));
    }

    /** Checks the reading contract on every bar of a run; returns the number of label changes. */
    private static int assertContract(RegimeDetector.Params p, List<RegimeDetector.Reading> rs) {
        int changes = 0;
        Regime label = Regime.RANGE;
        for (int i = 0; i < rs.size(); i++) {
            RegimeDetector.Reading r = rs.get(i);
            assertThat(r.confidence()).isBetween(0.0, 1.0);
            if (r.changed()) {
                changes++;
                assertThat(r.regime()).isNotEqualTo(label);
                assertThat(r.confidence()).as("bar %d", i).isGreaterThanOrEqualTo(p.minConfidence());
                for (int k = i - p.hysteresisBars() + 1; k <= i; k++) {
                    assertThat(rs.get(k).raw()).as("bar %d, raw at %d", i, k).isEqualTo(r.regime());
                }
            } else {
                assertThat(r.regime()).as("bar %d", i).isEqualTo(label);
            }
            label = r.regime();
            if (r.warm()) {
                RegimeDetector.Measures m = r.measures();
                assertThat(m.adx()).isBetween(0.0, 100.0);
                assertThat(m.er()).isBetween(0.0, 1.0);
                assertThat(m.bbWidthPercentile()).isBetween(0.0, 1.0);
                assertThat(m.atrPct()).isGreaterThanOrEqualTo(0.0);
            }
        }
        return changes;
    }

    /** The shipped thresholds, read from the policy file itself so the test follows any retuning. */
    static RegimeDetector.Params defaultParams() {
        JsonObject j;
        try {
            j = new JsonObject(Files.readString(Path.of("policies/regime_policy.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new RegimeDetector.Params(j.getInteger("ema_fast"), j.getInteger("ema_slow"), j.getInteger("adx_period"),
                j.getDouble("adx_trend_min"), j.getDouble("adx_range_max"), j.getInteger("atr_period"),
                j.getDouble("atr_pct_volatile"), j.getInteger("bb_period"), j.getDouble("bb_stddev"),
                j.getDouble("bb_width_volatile_pct"), j.getInteger("bb_width_lookback"),
                j.getDouble("bb_width_volatile_percentile"), j.getInteger("er_period"), j.getDouble("er_trend_min"),
                j.getInteger("hysteresis_bars"), j.getDouble("min_confidence"));
    }

    static List<Bar> ethBars() {
        List<Bar> bars = new ArrayList<>();
        int seq = 0;
        for (EthBars.Bar b : EthBars.BARS) {
            bars.add(new Bar("ETHUSD", AssetClass.SPOT, 300, b.endTime() - 300_000L, BigDecimal.valueOf(b.open()),
                    BigDecimal.valueOf(b.high()), BigDecimal.valueOf(b.low()), BigDecimal.valueOf(b.close()),
                    BigDecimal.valueOf(b.volume()), seq++, false));
        }
        return bars;
    }

    @Test
    void contractHoldsOnConstructedSeries() {
        assertContract(SMALL, run(SMALL, trend(80, 0.5)));
        assertContract(SMALL, run(SMALL, range(300, 4)));
    }

    /**
     * The real ETH/USD 5-minute bars (13–15 Mar 2023, 580 bars, the SVB weekend's aftermath) with the
     * shipped policy: the label must be stable (at most ~6 changes a day: ≤ 12 over the file) and not
     * stuck (at least two regimes). Prints the distribution for the record.
     */
    @Test
    void realEthBarsWithTheShippedPolicyAreStableButNotStuck() {
        RegimeDetector.Params p = defaultParams();
        List<RegimeDetector.Reading> rs = run(p, ethBars());
        int warmup = new RegimeDetector(p).warmupBars();
        assertThat(warmup).isEqualTo(p.bbPeriod() + p.bbWidthLookback() - 1);
        int changes = assertContract(p, rs);

        Map<Regime, Integer> bars = new EnumMap<>(Regime.class);
        Map<Regime, Integer> raw = new EnumMap<>(Regime.class);
        Set<Regime> seen = EnumSet.noneOf(Regime.class);
        int blips = 0;
        int warm = 0;
        for (int i = 0; i < rs.size(); i++) {
            RegimeDetector.Reading r = rs.get(i);
            assertThat(r.warm()).isEqualTo(i >= warmup - 1);
            if (!r.warm()) continue;
            warm++;
            bars.merge(r.regime(), 1, Integer::sum);
            raw.merge(r.raw(), 1, Integer::sum);
            seen.add(r.regime());
            if (r.raw() != r.regime()) blips++;
        }
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < rs.size(); i++) {
            if (rs.get(i).changed()) log.append(' ').append(i).append(':').append(rs.get(i).regime());
        }
        System.out.printf("ETH 5m, shipped regime policy: %d bars, %d warm (from bar %d); label bars %s; raw bars %s;"
                + " %d regime changes (%.1f per day of warm data):%s; %d warm bars where the raw reading differed from the label%n",
                rs.size(), warm, warmup - 1, bars, raw, changes, changes * 288.0 / warm, log, blips);

        assertThat(changes).isLessThanOrEqualTo(12);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        // Hysteresis is doing work on real data: the raw reading strays from the label without flipping it.
        assertThat(blips).isPositive();
    }

    @Test
    void paramsForAnotherTimeframeScaleVolatilityBySqrtTimeAndKeepTheHysteresisDuration() {
        RegimeDetector.Params p5 = new RegimeDetector.Params(5, 10, 5, 25, 20, 5, 0.01, 10, 2.0, 0.02, 20, 0.9, 10, 0.3, 6, 0.5);
        RegimeDetector.Params p1 = p5.forTimeframe(60, 300);
        assertThat(p1.atrPctVolatile()).isCloseTo(0.01 * Math.sqrt(0.2), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(p1.bbWidthVolatilePct()).isCloseTo(0.02 * Math.sqrt(0.2), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(p1.hysteresisBars()).isEqualTo(30);
        RegimeDetector.Params p60 = p5.forTimeframe(3600, 300);
        assertThat(p60.atrPctVolatile()).isCloseTo(0.01 * Math.sqrt(12), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(p60.hysteresisBars()).isEqualTo(1);                       // 0.5 bar rounds up to the least, 1
        assertThat(p5.forTimeframe(900, 300).hysteresisBars()).isEqualTo(2);
        assertThat(p5.forTimeframe(300, 300)).isEqualTo(p5);
        // Everything else is unchanged.
        assertThat(p1.adxTrendMin()).isEqualTo(p5.adxTrendMin());
        assertThat(p1.bbWidthLookback()).isEqualTo(p5.bbWidthLookback());
    }
}
