package dev.meridian.strategy;

import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.regime.RegimeDetectorTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrendCrossStrategyTest {
    private final TrendCrossStrategy.Params params = new TrendCrossStrategy.Params(3, 6, 3, 1.2, 0.0015);

    /** Falls, then rises, then falls again: one cross up, one cross down. */
    static List<Bar> vShape(boolean warmup) {
        List<Bar> bars = new ArrayList<>();
        double p = 100;
        for (int i = 0; i < 60; i++) {
            p += i < 20 ? -1 : i < 40 ? 1.5 : -2;
            bars.add(RegimeDetectorTest.bar(i, p, 1).asWarmup(warmup));
        }
        return bars;
    }

    private List<TradeIntent> run(TrendCrossStrategy s, List<Bar> bars) {
        List<TradeIntent> out = new ArrayList<>();
        for (Bar b : bars) {
            s.onBar("src", b, Regime.RANGE, 0.5, SessionLabel.EU, Set.of(Mode.INTRADAY_TREND), Optional.empty()).ifPresent(in -> {
                out.add(in);
                s.positionChanged(in.entry(), in.stopPrice());
            });
        }
        return out;
    }

    @Test
    void entersOnCrossUpAndExitsOnCrossDownWithAStopBelowEntry() {
        List<TradeIntent> intents = run(new TrendCrossStrategy(params), vShape(false));
        assertThat(intents).hasSize(2);
        TradeIntent in = intents.get(0);
        assertThat(in.entry()).isTrue();
        assertThat(in.side()).isEqualTo(Side.BUY);
        assertThat(in.stopPrice()).isLessThan(in.refPrice());
        assertThat(in.signalScore()).isBetween(0.0, 1.0);
        assertThat(intents.get(1).entry()).isFalse();
        assertThat(intents.get(1).side()).isEqualTo(Side.SELL);
        assertThat(intents.get(1).seq()).isGreaterThan(in.seq());
    }

    @Test
    void warmupBarsNeverTrigger() {
        assertThat(run(new TrendCrossStrategy(params), vShape(true))).isEmpty();
    }

    @Test
    void sameBarsGiveSameIntents() {
        assertThat(run(new TrendCrossStrategy(params), vShape(false))).isEqualTo(run(new TrendCrossStrategy(params), vShape(false)));
    }

    @Test
    void modeNotAllowedBySessionOrOwnerMeansNoEntry() {
        TrendCrossStrategy sessionSays = new TrendCrossStrategy(params);
        TrendCrossStrategy ownerSays = new TrendCrossStrategy(params);
        List<TradeIntent> out = new ArrayList<>();
        for (Bar b : vShape(false)) {
            sessionSays.onBar("src", b, Regime.RANGE, 0.5, SessionLabel.ASIA, Set.of(Mode.MEAN_REVERSION), Optional.empty()).ifPresent(out::add);
            ownerSays.onBar("src", b, Regime.RANGE, 0.5, SessionLabel.EU, Set.of(Mode.INTRADAY_TREND), Optional.of(Mode.SCALP)).ifPresent(out::add);
        }
        assertThat(out).isEmpty();
    }
}
