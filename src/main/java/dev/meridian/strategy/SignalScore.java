package dev.meridian.strategy;

import dev.meridian.core.Regime;

/**
 * The signal score of an entry, in [0,1]:
 * <pre>
 *   score = 0.45 × strength + 0.35 × regime fit + 0.20 × confirmation
 * </pre>
 * where strength and confirmation are the mode's own components ({@link ModeStrategy.Setup}) and
 * regime fit is the regime detector's confidence when the regime is one the mode is built for,
 * else 0. The weights favour the setup itself, then whether the market suits the mode; so a score
 * of 0.80 (the good-setup line) needs a strong setup in a confident home regime. Rounded to six
 * decimals so that stored and recomputed scores compare equal.
 */
public final class SignalScore {
    public static final double STRENGTH_WEIGHT = 0.45;
    public static final double REGIME_WEIGHT = 0.35;
    public static final double CONFIRMATION_WEIGHT = 0.20;

    private SignalScore() {
    }

    public static double of(ModeStrategy.Setup setup, boolean homeRegime, double regimeConfidence) {
        double fit = homeRegime ? ModeStrategy.clamp01(regimeConfidence) : 0;
        double raw = STRENGTH_WEIGHT * setup.strength() + REGIME_WEIGHT * fit + CONFIRMATION_WEIGHT * setup.confirmation();
        return Math.round(ModeStrategy.clamp01(raw) * 1e6) / 1e6;
    }

    /** Convenience for tests and reports. */
    public static double of(ModeStrategy strategy, ModeStrategy.Setup setup, Regime regime, double confidence) {
        return of(setup, strategy.homeRegimes().contains(regime), confidence);
    }
}
