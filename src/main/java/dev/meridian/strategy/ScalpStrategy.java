package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.Optional;
import java.util.Set;

/**
 * SCALP: buy the end of a shallow pullback, above the volume-weighted mean, for a quick 1.5R.
 * <ul>
 *   <li>Entry: the previous close was below the fast EMA and this close is back above it, the fast
 *       EMA is above the slow EMA, and the close is above the rolling VWAP.</li>
 *   <li>Strength: (close − VWAP) / ATR clamped to [0,1] — buyers in control of the recent volume.</li>
 *   <li>Confirmation: (RSI − 45) / 20 clamped — momentum present but not exhausted at the low end.</li>
 *   <li>Exit: a close below the slow EMA (the pullback became a reversal).</li>
 * </ul>
 */
public final class ScalpStrategy implements ModeStrategy {
    @Override public Mode mode() { return Mode.SCALP; }

    @Override public Set<Regime> homeRegimes() { return Set.of(Regime.TREND_UP, Regime.RANGE); }

    @Override
    public Optional<Setup> entry(FeatureView f) {
        boolean reclaimed = f.prevClose() < f.prevEmaFast() && f.close() > f.emaFast();
        if (!reclaimed || f.emaFast() <= f.emaSlow() || f.close() <= f.vwap()) return Optional.empty();
        return Optional.of(new Setup((f.close() - f.vwap()) / f.atr(), (f.rsi() - 45) / 20,
                "close reclaimed the fast EMA above VWAP"));
    }

    @Override
    public Optional<String> exitSignal(FeatureView f) {
        return f.close() < f.emaSlow() ? Optional.of("close fell below slow EMA") : Optional.empty();
    }
}
