package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Hand-checkable bars for the strategy tests: every bar spans close ± 1, so while closes move by
 * at most 1 a bar the true range is exactly 2 and so is the ATR (Wilder smoothing of a constant).
 */
final class StrategyBars {
    static final int TF = 60;

    private StrategyBars() {}

    /** Small lengths so the tests stay short; exits as shipped except the trend stop (1.2 ATR, the sizing policy's). */
    static StrategyParams params() {
        Map<Mode, StrategyParams.Exits> exits = new EnumMap<>(Mode.class);
        exits.put(Mode.SCALP, new StrategyParams.Exits(1.0, 1.5, 12));
        exits.put(Mode.INTRADAY_TREND, new StrategyParams.Exits(1.2, 2.5, 96));
        exits.put(Mode.SWING, new StrategyParams.Exits(2.5, 3.0, 288));
        exits.put(Mode.MEAN_REVERSION, new StrategyParams.Exits(1.5, 2.0, 36));
        exits.put(Mode.OPTIONS, new StrategyParams.Exits(1.0, 1.0, 1));
        return new StrategyParams(3, 6, 3, 3, 10, 2.0, 5, 3, 6, 3, 5, 5, 0.0015, exits);
    }

    /** Every mode allowed everywhere, no multipliers: the tests choose modes through regime or Strategy Mode. */
    static SymbolTrader.SessionTerms allModes() {
        return (s, a) -> new SymbolTrader.Terms(EnumSet.allOf(Mode.class), 1.0, 1.0);
    }

    static Bar bar(int i, double close, double volume) {
        BigDecimal c = BigDecimal.valueOf(close);
        return new Bar("BTCUSDT", AssetClass.SPOT, TF, 1_678_838_400_000L + i * TF * 1000L, c, c.add(BigDecimal.ONE),
                c.subtract(BigDecimal.ONE), c, BigDecimal.valueOf(volume), i, false);
    }

    /** Closes alternating 99.7 / 100.3 (a quiet range), ending on 100.3. */
    static List<Double> flat(int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add((n - 1 - i) % 2 == 0 ? 100.3 : 99.7);
        return out;
    }

    static final SessionLabel SESSION = SessionLabel.EU;
}
