package dev.meridian.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.Mode;
import dev.meridian.learning.SignalScoreModel;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreLearnerTest {
    private static final String KEY = "SPOT:BTCUSDT";

    @Test
    void featuresAreTheComponentsAndAModeOneHot() {
        double[] x = ScoreLearner.features(new ModeStrategy.Setup(0.7, 0.2, "r"), 0.9, Mode.SWING);
        assertThat(x).containsExactly(0.7, 0.9, 0.2, 0, 0, 1, 0);
        assertThat(ScoreLearner.FEATURES).hasSize(ScoreLearner.DIMENSION);
    }

    @Test
    void learnsOnlyFromEntriesThatOpenedAPositionAndForgetsThemWhenFlat() {
        ScoreLearner s = ScoreLearner.learning(new SignalScoreModel.Params(0.02, 1e-4, 1_000));
        double[] x = ScoreLearner.features(new ModeStrategy.Setup(0.5, 0.5, "r"), 0.5, Mode.SCALP);
        s.entryIntended(KEY, x);
        assertThat(s.closed(KEY, true)).as("no position was opened: nothing to learn").isFalse();
        s.positionChanged(KEY, true);
        assertThat(s.state().open()).containsOnlyKeys(KEY);
        s.positionChanged(KEY, false);
        assertThat(s.closed(KEY, true)).isTrue();
        assertThat(s.model().orElseThrow().samples()).isEqualTo(1);
        assertThat(s.state().open()).isEmpty();
        assertThat(s.closed(KEY, true)).as("a second close without a new entry").isFalse();
        assertThat(ScoreLearner.handWeighted().closed(KEY, true)).isFalse();
    }

    @Test
    void theHandWeightedScoreUntilMinTradesThenACalibratedProbability() throws Exception {
        // Synthetic truth: SWING entries win 70 % of the time, SCALP entries 20 %, whatever else.
        ScoreLearner s = ScoreLearner.learning(new SignalScoreModel.Params(0.02, 1e-4, 200));
        double[] swing = ScoreLearner.features(new ModeStrategy.Setup(0.5, 0.5, "r"), 0.5, Mode.SWING);
        double[] scalp = ScoreLearner.features(new ModeStrategy.Setup(0.5, 0.5, "r"), 0.5, Mode.SCALP);
        assertThat(s.score(swing, 0.42)).isEqualTo(0.42);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 8_000; i++) {
            boolean isSwing = i % 2 == 0;
            s.entryIntended(KEY, isSwing ? swing : scalp);
            s.positionChanged(KEY, true);
            s.positionChanged(KEY, false);
            s.closed(KEY, r.nextDouble() < (isSwing ? 0.7 : 0.2));
            if (i == 150) assertThat(s.score(swing, 0.42)).as("still below min trades").isEqualTo(0.42);
        }
        assertThat(s.score(swing, 0.42)).isCloseTo(0.7, within(0.05));
        assertThat(s.score(scalp, 0.42)).isCloseTo(0.2, within(0.05));

        // The state survives JSON (as stored in learner_state) and predicts the same.
        ObjectMapper json = new ObjectMapper();
        ScoreLearner back = ScoreLearner.restore(json.readValue(json.writeValueAsString(s.state()), ScoreLearner.State.class));
        assertThat(back.score(swing, 0.42)).isEqualTo(s.score(swing, 0.42));
        back.retainOpen(Set.of());
        assertThat(back.state().open()).isEmpty();
    }
}
