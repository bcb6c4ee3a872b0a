package dev.meridian.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.learning.Calibration.Bucket;
import dev.meridian.learning.Calibration.Pair;
import dev.meridian.learning.SignalScoreModel.Params;
import dev.meridian.learning.SignalScoreModel.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignalScoreModelTest {
    private static final int TRAIN = 20_000;
    private static final int TEST = 5_000;

    private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /** The known truth of the synthetic world: P(y = 1 | x) = σ(−2 + 3·x0 + 1·x1), p ∈ [0.12, 0.88]. */
    private static double truth(double[] x) { return sigmoid(-2 + 3 * x[0] + x[1]); }

    private static double[] uniform(Random rnd) { return new double[] {rnd.nextDouble(), rnd.nextDouble()}; }

    @Test
    void learnsAKnownProbabilityWellCalibrated() {
        Random rnd = new Random(20_260_125L);
        SignalScoreModel model = new SignalScoreModel(2, Params.defaults());
        for (int i = 0; i < TRAIN; i++) {
            double[] x = uniform(rnd);
            model.learn(x, rnd.nextDouble() < truth(x));
        }
        assertThat(model.trained()).isTrue();

        List<Pair> predicted = new ArrayList<>(TEST);
        List<Pair> oracle = new ArrayList<>(TEST);
        for (int i = 0; i < TEST; i++) {
            double[] x = uniform(rnd);
            boolean y = rnd.nextDouble() < truth(x);
            predicted.add(new Pair(model.predict(x), y));
            oracle.add(new Pair(truth(x), y));
        }
        Calibration c = Calibration.of(predicted);
        Calibration best = Calibration.of(oracle);
        Snapshot s = model.snapshot();
        System.out.printf(Locale.ROOT, "learned (averaged) b=%.4f w=%s; iterate b=%.4f w=%s; truth b=-2 w=[3, 1]%n",
                s.intercept(), Arrays.toString(s.weights()), s.iterateIntercept(), Arrays.toString(s.iterateWeights()));
        System.out.println("model on " + TEST + " fresh samples:\n" + c.table());
        System.out.printf(Locale.ROOT, "brier model=%.6f true-p=%.6f diff=%.6f; logLoss model=%.6f true-p=%.6f%n",
                c.brier(), best.brier(), c.brier() - best.brier(), c.logLoss(), best.logLoss());

        int checked = 0;
        for (Bucket b : c.buckets()) {
            if (b.count() < 200) continue;
            checked++;
            assertThat(b.realisedRate()).as("bucket [%s, %s)", b.lower(), b.upper()).isCloseTo(b.meanPredicted(), within(0.05));
        }
        // p spans [0.12, 0.88], so most buckets are populated; a check of one bucket would prove little.
        assertThat(checked).isGreaterThanOrEqualTo(5);
        assertThat(c.brier()).isCloseTo(best.brier(), within(0.01));
    }

    @Test
    void pureNoiseLabelsGiveTheBaseRate() {
        Random rnd = new Random(7L);
        SignalScoreModel model = new SignalScoreModel(2, Params.defaults());
        for (int i = 0; i < TRAIN; i++) model.learn(uniform(rnd), rnd.nextDouble() < 0.3);
        double min = 1;
        double max = 0;
        for (int i = 0; i < TEST; i++) {
            double p = model.predict(uniform(rnd));
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        System.out.printf(Locale.ROOT, "noise p=0.3: predictions in [%.4f, %.4f]%n", min, max);
        assertThat(min).isGreaterThanOrEqualTo(0.27);
        assertThat(max).isLessThanOrEqualTo(0.33);
    }

    @Test
    void laplacePriorUntilMinSamples() {
        SignalScoreModel model = new SignalScoreModel(2, new Params(0.5, 0, 4));
        double[] x = {1, 1};
        assertThat(model.trained()).isFalse();
        assertThat(model.predict(x)).isEqualTo(0.5);
        model.learn(x, true);
        model.learn(x, true);
        model.learn(x, false);
        // (2 + 1) / (3 + 2), whatever x says
        assertThat(model.samples()).isEqualTo(3);
        assertThat(model.trained()).isFalse();
        assertThat(model.predict(x)).isCloseTo(0.6, within(1e-15));
        assertThat(model.predict(new double[] {0, 0})).isCloseTo(0.6, within(1e-15));

        model.learn(x, true);
        assertThat(model.trained()).isTrue();
        // Now the weights speak, and they learned from all four trades: x = (1,1) was mostly positive,
        // and the answer depends on x.
        assertThat(model.predict(x)).isGreaterThan(0.5);
        assertThat(model.predict(x)).isNotEqualTo(model.predict(new double[] {0, 0}));
    }

    @Test
    void minSamplesZeroUsesTheWeightsAtOnce() {
        SignalScoreModel model = new SignalScoreModel(1, new Params(0.1, 0, 0));
        assertThat(model.trained()).isTrue();
        assertThat(model.predict(new double[] {5})).isEqualTo(0.5); // σ(0)
    }

    @Test
    void refusesNonFiniteWrongLengthAndHugeInputsNamingTheIndex() {
        SignalScoreModel model = new SignalScoreModel(3, new Params(0.1, 0, 0));
        model.learn(new double[] {0.2, 0.4, 0.6}, true);
        Snapshot before = model.snapshot();

        assertThatThrownBy(() -> model.predict(new double[] {0.1, Double.NaN, 0.3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]");
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 0.2, Double.POSITIVE_INFINITY}, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[2]");
        assertThatThrownBy(() -> model.learn(new double[] {Double.NEGATIVE_INFINITY, 0.2, 0.3}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]");
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 2e6, 0.3}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]");
        assertThatThrownBy(() -> model.predict(new double[] {0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 features");
        assertThatThrownBy(() -> model.predict(null)).isInstanceOf(NullPointerException.class);

        // A refused trade leaves no trace.
        Snapshot after = model.snapshot();
        assertThat(after.weights()).isEqualTo(before.weights());
        assertThat(after.intercept()).isEqualTo(before.intercept());
        assertThat(after.iterateWeights()).isEqualTo(before.iterateWeights());
        assertThat(after.iterateIntercept()).isEqualTo(before.iterateIntercept());
        assertThat(after.samples()).isEqualTo(1);
    }

    @Test
    void extremeButLegalInputsNeverGiveNaNOrLeaveTheOpenInterval() {
        // Seeded property loop: features at the bound with random signs and labels, the worst case for blow-up.
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            SignalScoreModel model = new SignalScoreModel(3, new Params(1, 0, 0));
            for (int i = 0; i < 500; i++) {
                double[] x = new double[3];
                for (int k = 0; k < 3; k++) x[k] = (rnd.nextBoolean() ? 1 : -1) * SignalScoreModel.MAX_ABS_FEATURE * rnd.nextDouble();
                double p = model.predict(x);
                assertThat(p).as("seed %d step %d", seed, i).isGreaterThan(0).isLessThan(1);
                model.learn(x, rnd.nextBoolean());
            }
            Snapshot s = model.snapshot();
            for (double w : s.weights()) assertThat(Double.isFinite(w)).isTrue();
            for (double w : s.iterateWeights()) assertThat(Double.isFinite(w)).isTrue();
        }
    }

    @Test
    void sameDataGivesBitIdenticalWeights() {
        SignalScoreModel a = new SignalScoreModel(4, Params.defaults());
        SignalScoreModel b = new SignalScoreModel(4, Params.defaults());
        Random rnd = new Random(99L);
        for (int i = 0; i < 5_000; i++) {
            double[] x = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextBoolean() ? 1 : 0};
            boolean y = rnd.nextDouble() < sigmoid(x[0] - x[2]);
            a.learn(x.clone(), y);
            b.learn(x.clone(), y);
        }
        Snapshot sa = a.snapshot();
        Snapshot sb = b.snapshot();
        assertThat(Arrays.equals(sa.weights(), sb.weights())).isTrue();
        assertThat(Double.doubleToRawLongBits(sa.intercept())).isEqualTo(Double.doubleToRawLongBits(sb.intercept()));
        assertThat(Arrays.equals(sa.iterateWeights(), sb.iterateWeights())).isTrue();
        assertThat(Double.doubleToRawLongBits(sa.iterateIntercept())).isEqualTo(Double.doubleToRawLongBits(sb.iterateIntercept()));
        assertThat(sa.samples()).isEqualTo(5_000).isEqualTo(sb.samples());
        assertThat(sa.positives()).isEqualTo(sb.positives());
    }

    @Test
    void snapshotSurvivesJsonWithIdenticalPredictionsAndLearning() throws Exception {
        Random rnd = new Random(42L);
        SignalScoreModel original = new SignalScoreModel(2, Params.defaults());
        for (int i = 0; i < 3_000; i++) {
            double[] x = uniform(rnd);
            original.learn(x, rnd.nextDouble() < truth(x));
        }
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(original.snapshot());
        SignalScoreModel restored = SignalScoreModel.restore(json.readValue(text, Snapshot.class));

        assertThat(restored.samples()).isEqualTo(original.samples());
        assertThat(restored.params()).isEqualTo(original.params());
        assertThat(restored.trained()).isTrue();
        for (int i = 0; i < 1_000; i++) {
            double[] x = uniform(rnd);
            assertThat(restored.predict(x)).isEqualTo(original.predict(x));
        }
        // They also stay in step when both keep learning.
        for (int i = 0; i < 1_000; i++) {
            double[] x = uniform(rnd);
            boolean y = rnd.nextBoolean();
            original.learn(x, y);
            restored.learn(x, y);
        }
        assertThat(restored.snapshot().weights()).isEqualTo(original.snapshot().weights());
        assertThat(restored.snapshot().intercept()).isEqualTo(original.snapshot().intercept());
        assertThat(restored.snapshot().iterateWeights()).isEqualTo(original.snapshot().iterateWeights());
    }

    @Test
    void snapshotDoesNotAliasTheModel() {
        SignalScoreModel model = new SignalScoreModel(1, new Params(0.5, 0, 0));
        Snapshot s = model.snapshot();
        s.weights()[0] = 123;
        model.learn(new double[] {1}, true);
        assertThat(s.weights()[0]).isZero();
        assertThat(s.samples()).isZero();
        double[] w = {7};
        Snapshot fromArray = new Snapshot(Params.defaults(), w, 0, new double[] {0}, 0, 0, 0);
        w[0] = 8;
        assertThat(fromArray.weights()[0]).isEqualTo(7);
    }

    @Test
    void validatesParamsAndSnapshots() {
        assertThat(Params.defaults()).isEqualTo(new Params(0.02, 1e-4, 200));
        assertThatThrownBy(() -> new Params(0, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new Params(Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(1.5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(0.1, -1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("l2");
        assertThatThrownBy(() -> new Params(0.1, Double.POSITIVE_INFINITY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(0.5, 2, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("< 1");
        assertThatThrownBy(() -> new Params(0.1, 0, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSamples");
        assertThatThrownBy(() -> new SignalScoreModel(0, Params.defaults())).isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[0], 0, new double[0], 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[] {Double.NaN}, 0, new double[] {0}, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[0]");
        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[] {0}, Double.NaN, new double[] {0}, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[] {0}, 0, new double[] {0}, 0, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[] {0}, 0, new double[] {0}, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[] {0}, 0, new double[] {0, 0}, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterateWeights");
        assertThatThrownBy(() -> new Snapshot(Params.defaults(), new double[] {0}, 0, new double[] {Double.POSITIVE_INFINITY}, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterateWeights[0]");
    }
}
