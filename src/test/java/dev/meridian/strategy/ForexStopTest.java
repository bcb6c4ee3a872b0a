package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A forex stop is never placed within 3 pips of the entry: SymbolTraderTest's mean-reversion entry,
 * shrunk to a quiet EUR_USD (every price {@code 1.1 + (p − 100) × 0.00005}, so a bar spans ± half a
 * pip), with no percentage floor, places its 1.5-ATR stop 1.675 pips away on SPOT and 3 pips away
 * on FOREX.
 */
class ForexStopTest {
    private static final double SCALE = 0.00005;

    @Test
    void aForexStopIsAtLeastThreePipsFromTheEntry() {
        TradeIntent spot = entry(AssetClass.SPOT);
        TradeIntent forex = entry(AssetClass.FOREX);
        // The drop bar: close 98.6 → 1.09993. ATR (2 × 2 + 2.7) / 3 = 2.2333… in SymbolTraderTest's units,
        // × 0.00005 = 0.000111667 (1.12 pips); the stop 1.5 ATR = 0.0001675 (1.675 pips) below.
        for (TradeIntent in : List.of(spot, forex)) {
            assertThat(in.mode()).isEqualTo(Mode.MEAN_REVERSION);
            assertThat(in.side()).isEqualTo(Side.BUY);
            assertThat(in.refPrice().doubleValue()).isCloseTo(1.09993, within(1e-12));
        }
        assertThat(spot.stopPrice().doubleValue()).isCloseTo(1.09993 - 1.5 * (2 * 2 + 2.7) / 3 * SCALE, within(1e-12));
        // FOREX: max(1.675 pips, 3 pips = 0.0003) → 1.09993 − 0.0003 = 1.09963.
        assertThat(forex.stopPrice()).isEqualByComparingTo("1.09963");
    }

    /** The first intent of the mean-reversion series as EUR_USD bars of {@code assetClass}. */
    private static TradeIntent entry(AssetClass assetClass) {
        StrategyParams shipped = StrategyBars.params();
        StrategyParams noPctFloor = new StrategyParams(shipped.emaFast(), shipped.emaSlow(), shipped.atrPeriod(),
                shipped.rsiPeriod(), shipped.bbPeriod(), shipped.bbStddev(), shipped.donchianPeriod(), shipped.macdFast(),
                shipped.macdSlow(), shipped.macdSignal(), shipped.vwapPeriod(), shipped.volumePeriod(), 0.0, shipped.exits());
        SymbolTrader t = new SymbolTrader(noPctFloor, StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
        List<Double> closes = new ArrayList<>(StrategyBars.flat(30));
        closes.add(98.6);
        for (int i = 0; i < closes.size(); i++) {
            Bar b = StrategyBars.bar(i, closes.get(i), 1);
            BigDecimal c = price(closes.get(i));
            BigDecimal half = BigDecimal.valueOf(SCALE);
            Bar fx = new Bar("EUR_USD", assetClass, b.timeframeSec(), b.openTimeMs(), c, c.add(half), c.subtract(half), c,
                    b.volume(), b.seq(), false);
            var r = t.onBar("src", fx, new SymbolTrader.Context(Regime.RANGE, 0.9, true, StrategyBars.SESSION, Optional.empty(),
                    Optional.empty()));
            if (r.intent().isPresent()) return r.intent().get();
        }
        throw new AssertionError("no entry on " + assetClass);
    }

    private static BigDecimal price(double p) {
        return new BigDecimal("1.1").add(BigDecimal.valueOf(p).subtract(BigDecimal.valueOf(100)).multiply(BigDecimal.valueOf(SCALE)));
    }
}
