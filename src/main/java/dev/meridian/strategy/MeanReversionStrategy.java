package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.Optional;
import java.util.Set;

/**
 * MEAN_REVERSION: buy an oversold stretch below the lower Bollinger band in a range and sell it
 * back at the mean.
 * <ul>
 *   <li>Entry: the close is below the lower band and RSI ≤ 30.</li>
 *   <li>Strength: 0.5 + (depth below the band in standard deviations), clamped — touching the band
 *       scores 0.5, half a σ beyond it scores 1.</li>
 *   <li>Confirmation: 0.5 + (30 − RSI) / 10, clamped — RSI 30 scores 0.5, RSI 25 or less scores 1.</li>
 *   <li>Exit: the close is back at or above the middle band (the mean is the target).</li>
 * </ul>
 */
public final class MeanReversionStrategy implements ModeStrategy {
    private static final double OVERSOLD_RSI = 30;

    @Override public Mode mode() { return Mode.MEAN_REVERSION; }

    @Override public Set<Regime> homeRegimes() { return Set.of(Regime.RANGE); }

    @Override
    public Optional<Setup> entry(FeatureView f) {
        if (f.close() >= f.bbLower() || f.rsi() > OVERSOLD_RSI || !(f.bbStdDev() > 0)) return Optional.empty();
        double depthSigma = (f.bbLower() - f.close()) / f.bbStdDev();
        return Optional.of(new Setup(0.5 + depthSigma, 0.5 + (OVERSOLD_RSI - f.rsi()) / 10,
                "close below the lower Bollinger band with RSI oversold"));
    }

    @Override
    public Optional<String> exitSignal(FeatureView f) {
        return f.close() >= f.bbMiddle() ? Optional.of("back at the mean (middle band)") : Optional.empty();
    }
}
