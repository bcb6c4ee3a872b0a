package dev.meridian.strategy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SignalScoreTest {
    @Test
    void weightedSumOfStrengthRegimeFitAndConfirmation() {
        var setup = new ModeStrategy.Setup(0.8, 0.5, "x");
        assertThat(SignalScore.of(setup, true, 0.6)).isCloseTo(0.45 * 0.8 + 0.35 * 0.6 + 0.20 * 0.5, within(1e-9));
        // Outside its home regimes a mode gets nothing for the regime.
        assertThat(SignalScore.of(setup, false, 0.6)).isCloseTo(0.45 * 0.8 + 0.20 * 0.5, within(1e-9));
    }

    @Test
    void componentsAreClampedAndNaNCountsAsZero() {
        var wild = new ModeStrategy.Setup(7, Double.NaN, "x");
        assertThat(wild.strength()).isEqualTo(1.0);
        assertThat(wild.confirmation()).isEqualTo(0.0);
        assertThat(SignalScore.of(wild, true, Double.POSITIVE_INFINITY)).isCloseTo(0.80, within(1e-9));
        assertThat(SignalScore.of(new ModeStrategy.Setup(-3, -1, "x"), true, -2)).isEqualTo(0.0);
    }

    @Test
    void goodSetupNeedsAStrongSetupInAConfidentHomeRegime() {
        // A perfect setup needs regime confidence ≥ (0.80 − 0.45 − 0.20) / 0.35 = 0.4286.
        assertThat(SignalScore.of(new ModeStrategy.Setup(1, 1, "x"), true, 0.40)).isLessThan(0.80);
        assertThat(SignalScore.of(new ModeStrategy.Setup(1, 1, "x"), true, 0.45)).isGreaterThanOrEqualTo(0.80);
        // Half confirmation needs confidence ≥ 0.7143.
        assertThat(SignalScore.of(new ModeStrategy.Setup(1, 0.5, "x"), true, 0.70)).isLessThan(0.80);
        assertThat(SignalScore.of(new ModeStrategy.Setup(1, 0.5, "x"), true, 0.72)).isGreaterThanOrEqualTo(0.80);
        // A middling setup is never good, whatever the regime.
        assertThat(SignalScore.of(new ModeStrategy.Setup(0.5, 1, "x"), true, 1)).isLessThan(0.80);
    }
}
