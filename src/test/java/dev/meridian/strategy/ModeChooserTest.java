package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.learning.ModeBandit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModeChooserTest {
    private static final Set<Mode> ALLOWED = EnumSet.of(Mode.SCALP, Mode.INTRADAY_TREND, Mode.SWING, Mode.MEAN_REVERSION);

    @Test
    void theRuleTableEntersOnlyWhenItsModeFires() {
        ModeChooser rules = ModeChooser.ruleTable();
        var fires = rules.pick(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, ALLOWED, EnumSet.of(Mode.MEAN_REVERSION, Mode.SWING), 0L);
        assertThat(fires.enter()).isTrue();
        assertThat(fires.mode()).contains(Mode.MEAN_REVERSION);
        var other = rules.pick(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, ALLOWED, EnumSet.of(Mode.SWING), 0L);
        assertThat(other.enter()).isFalse();
        assertThat(other.mode()).contains(Mode.MEAN_REVERSION);
        assertThat(other.why()).isEqualTo("no MEAN_REVERSION setup");
    }

    @Test
    void randomPicksOnlyFiringModesAndIsReproducible() {
        Set<Mode> firing = EnumSet.of(Mode.SCALP, Mode.SWING);
        Map<Mode, Integer> counts = new EnumMap<>(Mode.class);
        RandomChooser a = new RandomChooser(5);
        RandomChooser b = new RandomChooser(5);
        for (int i = 0; i < 1_000; i++) {
            var pa = a.pick(AssetClass.SPOT, Regime.VOLATILE, SessionLabel.US, ALLOWED, firing, 0L);
            var pb = b.pick(AssetClass.SPOT, Regime.VOLATILE, SessionLabel.US, ALLOWED, EnumSet.of(Mode.SWING, Mode.SCALP), 0L);
            assertThat(pa).isEqualTo(pb);
            counts.merge(pa.mode().orElseThrow(), 1, Integer::sum);
        }
        assertThat(counts.keySet()).isEqualTo(firing);
        assertThat(counts.get(Mode.SCALP)).isBetween(430, 570);
        assertThat(a.pick(AssetClass.SPOT, Regime.VOLATILE, SessionLabel.US, ALLOWED, Set.of(), 0L).enter()).isFalse();
    }

    @Test
    void theBanditLearnsRewardPointsOfNetReturnsPerContextAndIsNotAskedWithoutASetup() {
        ModeBandit bandit = new ModeBandit(ModeBandit.Params.defaults(), 3);
        BanditChooser chooser = new BanditChooser(bandit);
        assertThat(chooser.pick(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, ALLOWED, Set.of(), 0L).enter()).isFalse();
        assertThat(bandit.contexts()).isEmpty();

        // +1 % net is 100 × tanh(0.5) = 46.2117 points; prior strength 1 halves one reward's pull.
        chooser.learn(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, Mode.SWING, new BigDecimal("1"));
        var ctx = new ModeBandit.Context(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU);
        var swing = bandit.view(ctx).stream().filter(v -> v.mode() == Mode.SWING).findFirst().orElseThrow();
        assertThat(swing.estimate()).isCloseTo(46.2117 / 2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(bandit.view(new ModeBandit.Context(AssetClass.SPOT, Regime.RANGE, SessionLabel.US)))
                .allMatch(v -> v.effectiveN() == 0);

        var pick = chooser.pick(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, ALLOWED, EnumSet.of(Mode.SWING), 0L);
        assertThat(bandit.choices(ctx)).isEqualTo(1);
        assertThat(pick.mode().isPresent()).isEqualTo(pick.enter());
    }
}
