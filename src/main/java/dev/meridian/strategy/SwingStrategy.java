package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.Optional;
import java.util.Set;

/**
 * SWING: a Donchian breakout held for up to a day of bars.
 * <ul>
 *   <li>Entry: the close exceeds the highest high of the previous channel (the bars before this one).</li>
 *   <li>Strength: 0.5 + (close − previous upper edge) / ATR, clamped — a breakout by half an ATR or
 *       more scores 1.</li>
 *   <li>Confirmation: volume / its average − 1, clamped — a breakout on double volume scores 1.</li>
 *   <li>Exit: a close below the channel's midpoint.</li>
 * </ul>
 */
public final class SwingStrategy implements ModeStrategy {
    @Override public Mode mode() { return Mode.SWING; }

    @Override public Set<Regime> homeRegimes() { return Set.of(Regime.TREND_UP, Regime.VOLATILE); }

    @Override
    public Optional<Setup> entry(FeatureView f) {
        if (f.close() <= f.prevDonchianUpper()) return Optional.empty();
        double confirmation = f.volumeAverage() > 0 ? f.volume() / f.volumeAverage() - 1 : 0;
        return Optional.of(new Setup(0.5 + (f.close() - f.prevDonchianUpper()) / f.atr(), confirmation,
                "close broke above the prior Donchian high"));
    }

    @Override
    public Optional<String> exitSignal(FeatureView f) {
        return f.close() < f.donchianMiddle() ? Optional.of("close fell below the Donchian midpoint") : Optional.empty();
    }
}
