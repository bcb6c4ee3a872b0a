package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModeSelectorTest {
    private static final Set<Mode> ALL = EnumSet.allOf(Mode.class);

    @Test
    void ruleTablePicksTheFirstAllowedModeForTheRegime() {
        assertThat(ModeSelector.choose(Regime.TREND_UP, ALL, Optional.empty()).mode()).contains(Mode.INTRADAY_TREND);
        assertThat(ModeSelector.choose(Regime.RANGE, ALL, Optional.empty()).mode()).contains(Mode.MEAN_REVERSION);
        assertThat(ModeSelector.choose(Regime.VOLATILE, ALL, Optional.empty()).mode()).contains(Mode.SWING);
        // ASIA allows MEAN_REVERSION, SWING, OPTIONS: a trend there is traded as a swing.
        Set<Mode> asia = EnumSet.of(Mode.MEAN_REVERSION, Mode.SWING, Mode.OPTIONS);
        assertThat(ModeSelector.choose(Regime.TREND_UP, asia, Optional.empty()).mode()).contains(Mode.SWING);
        // EU allows no mean reversion: a range there is scalped.
        Set<Mode> eu = EnumSet.of(Mode.INTRADAY_TREND, Mode.SCALP, Mode.SWING, Mode.OPTIONS);
        assertThat(ModeSelector.choose(Regime.RANGE, eu, Optional.empty()).mode()).contains(Mode.SCALP);
    }

    @Test
    void aDowntrendHasNoLongMode() {
        var c = ModeSelector.choose(Regime.TREND_DOWN, ALL, Optional.empty());
        assertThat(c.mode()).isEmpty();
        assertThat(c.why()).contains("no long mode");
    }

    @Test
    void strategyModeForcesItsModeOnlyWhereAllowed() {
        assertThat(ModeSelector.choose(Regime.TREND_DOWN, ALL, Optional.of(Mode.SCALP)).mode()).contains(Mode.SCALP);
        var refused = ModeSelector.choose(Regime.RANGE, EnumSet.of(Mode.SWING), Optional.of(Mode.MEAN_REVERSION));
        assertThat(refused.mode()).isEmpty();
        assertThat(refused.why()).contains("MEAN_REVERSION is not allowed");
    }

    @Test
    void nothingAllowedNothingChosen() {
        assertThat(ModeSelector.choose(Regime.RANGE, Set.of(), Optional.empty()).mode()).isEmpty();
    }
}
