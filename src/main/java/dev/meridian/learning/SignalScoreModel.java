package dev.meridian.learning;

import java.util.Objects;

/**
 * An online logistic regression from an entry's feature vector to the probability that the trade
 * closes with a positive net outcome: {@code P(y = 1 | x) = σ(b̄ + w̄ · x)}, σ the logistic function and
 * (w̄, b̄) the running average of the SGD weights (w, b) described below.
 * Meant to replace the hand-weighted {@code dev.meridian.strategy.SignalScore} once it has seen
 * enough trades; the strategy supplies e.g. {@code [strength, regimeFit, confirmation, modeOneHot…]}.
 *
 * <p><b>Learning</b>: one plain SGD step on the log loss per closed trade, in arrival order, with a
 * constant learning rate η and L2 weight decay λ on {@code w} (not on the intercept {@code b}):
 * <pre>
 *   g = σ(b + w · x) − y
 *   w ← w · (1 − ηλ) − η · g · x
 *   b ← b − η · g
 * </pre>
 * The rate is constant on purpose: markets drift, and a decaying rate would freeze the model on
 * old trades. But a constant rate leaves the iterate jittering around the optimum (about ±√(η/2)
 * per direction in log-odds, enough to mis-calibrate buckets by several points), so predictions
 * use an <b>average of the iterates</b> (Polyak–Ruppert, made exponential to keep tracking drift):
 * <pre>
 *   α_t = max(1 / t, η / {@value #AVERAGING_STEPS_PER_RATE})     (t = trades learned, including this one)
 *   w̄ ← w̄ + α_t · (w − w̄),   b̄ ← b̄ + α_t · (b − b̄)
 *   P(y = 1 | x) = σ(b̄ + w̄ · x)
 * </pre>
 * i.e. the plain mean of all iterates for the first {@value #AVERAGING_STEPS_PER_RATE}/η trades
 * (2000 at the default η), then an exponential average over about that many. The span grows as η
 * shrinks because the iterate's own memory, 1/(η × curvature) steps, does too; the averaging must
 * cover many of those memories to cancel the jitter. All weights start at 0. There is no
 * randomness, so the same sequence of {@link #learn} calls always gives bit-identical weights.
 *
 * <p><b>Prior</b>: until {@link Params#minSamples()} trades have been learned ({@link #trained()}
 * false), {@link #predict} returns the Laplace-smoothed base rate {@code (positives + 1) / (samples + 2)}
 * (0.5 before any trade) and ignores {@code x}: with few trades the weights are mostly noise, while
 * the base rate is already the best constant guess. Learning updates the weights from the first trade.
 *
 * <p><b>Inputs</b>: every vector has exactly {@link #dimension()} entries, each finite with magnitude
 * at most {@link #MAX_ABS_FEATURE}; anything else is refused with an {@link IllegalArgumentException}
 * naming the index, before any state changes. Since |σ − y| ≤ 1, the bound limits each step's change
 * of a weight to η × MAX_ABS_FEATURE, so {@code w · x} stays finite and a prediction is never NaN;
 * features are expected to be scaled to about [0, 1], so a larger value is a units bug.
 *
 * <p><b>Outputs</b>: {@link #predict} is always in [{@link #MIN_PROBABILITY}, 1 − MIN_PROBABILITY],
 * strictly inside (0, 1).
 *
 * <p>Not thread-safe: confine an instance to one thread (or verticle). {@link #snapshot()} and
 * {@link #restore} carry the full state, so a restored model predicts and learns exactly as the original.
 */
public final class SignalScoreModel {
    /** Largest feature magnitude accepted. */
    public static final double MAX_ABS_FEATURE = 1e6;
    /** Predictions are clipped to [MIN_PROBABILITY, 1 − MIN_PROBABILITY]; same bound as {@link Calibration#LOG_LOSS_CLIP}. */
    public static final double MIN_PROBABILITY = Calibration.LOG_LOSS_CLIP;
    /** The iterate average spans about this many trades divided by the learning rate; see the class comment. */
    public static final int AVERAGING_STEPS_PER_RATE = 40;

    /**
     * Learning parameters.
     *
     * @param learningRate η, finite and in (0, 1]
     * @param l2           λ, finite and ≥ 0, with {@code learningRate × l2 < 1} so that the decay factor stays positive
     * @param minSamples   trades learned before predictions come from the weights rather than the prior; ≥ 0
     */
    public record Params(double learningRate, double l2, int minSamples) {
        public Params {
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learningRate must be in (0,1], got " + learningRate);
            }
            if (!(l2 >= 0 && Double.isFinite(l2))) throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
            if (learningRate * l2 >= 1) {
                throw new IllegalArgumentException("learningRate × l2 must be < 1, got " + learningRate + " × " + l2);
            }
            if (minSamples < 0) throw new IllegalArgumentException("minSamples must be >= 0, got " + minSamples);
        }

        /**
         * η = 0.02, λ = 1e-4, minSamples = 200. With features in [0, 1] the slowest direction of
         * the loss (intercept against weights, since the features are not centred) settles within
         * about 5000 trades at η = 0.02, and the 2000-trade iterate average then brings the jitter
         * under the sampling noise of a reliability table; η = 0.005 had not converged after 20 000
         * trades of the synthetic test. λ only keeps collinear features (a one-hot beside the intercept)
         * from drifting apart. Below 200 trades the base rate (pinned to about ±0.035 by then) is worth
         * more than weights that have barely moved.
         */
        public static Params defaults() { return new Params(0.02, 1e-4, 200); }
    }

    /**
     * The full state of a model, for persistence (a Jackson-serialisable record). Arrays are
     * copied in and out, so a snapshot never aliases a live model.
     *
     * @param params           the model's parameters
     * @param weights          w̄, the averaged weights predictions use, one per feature, all finite;
     *                         its length is the dimension (≥ 1)
     * @param intercept        b̄, the averaged intercept, finite
     * @param iterateWeights   w, the SGD iterate, same length as {@code weights}, all finite
     * @param iterateIntercept b, the SGD iterate's intercept, finite
     * @param samples          trades learned, ≥ 0
     * @param positives        of those, the positive ones; in [0, samples]
     */
    public record Snapshot(Params params, double[] weights, double intercept, double[] iterateWeights,
                           double iterateIntercept, long samples, long positives) {
        public Snapshot {
            Objects.requireNonNull(params, "params");
            weights = finiteCopy("weights", weights);
            iterateWeights = finiteCopy("iterateWeights", iterateWeights);
            if (weights.length < 1) throw new IllegalArgumentException("weights must have at least one entry");
            if (iterateWeights.length != weights.length) {
                throw new IllegalArgumentException("iterateWeights has " + iterateWeights.length + " entries, weights " + weights.length);
            }
            if (!Double.isFinite(intercept)) throw new IllegalArgumentException("intercept is not finite: " + intercept);
            if (!Double.isFinite(iterateIntercept)) {
                throw new IllegalArgumentException("iterateIntercept is not finite: " + iterateIntercept);
            }
            if (samples < 0) throw new IllegalArgumentException("samples must be >= 0, got " + samples);
            if (positives < 0 || positives > samples) {
                throw new IllegalArgumentException("positives must be in [0, samples=" + samples + "], got " + positives);
            }
        }

        @Override
        public double[] weights() { return weights.clone(); }

        @Override
        public double[] iterateWeights() { return iterateWeights.clone(); }

        private static double[] finiteCopy(String name, double[] values) {
            Objects.requireNonNull(values, name);
            double[] copy = values.clone();
            for (int i = 0; i < copy.length; i++) {
                if (!Double.isFinite(copy[i])) throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + copy[i]);
            }
            return copy;
        }
    }

    private final Params params;
    private final double[] iterate;
    private double iterateIntercept;
    private final double[] average;
    private double averageIntercept;
    private long samples;
    private long positives;

    /** An untrained model over {@code dimension} features (≥ 1), weights and intercept 0. */
    public SignalScoreModel(int dimension, Params params) {
        if (dimension < 1) throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        this.params = Objects.requireNonNull(params, "params");
        this.iterate = new double[dimension];
        this.average = new double[dimension];
    }

    /** A model in exactly the state {@code snapshot} recorded. */
    public static SignalScoreModel restore(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        double[] w = snapshot.weights();
        SignalScoreModel m = new SignalScoreModel(w.length, snapshot.params());
        System.arraycopy(w, 0, m.average, 0, w.length);
        System.arraycopy(snapshot.iterateWeights(), 0, m.iterate, 0, w.length);
        m.averageIntercept = snapshot.intercept();
        m.iterateIntercept = snapshot.iterateIntercept();
        m.samples = snapshot.samples();
        m.positives = snapshot.positives();
        return m;
    }

    /** The current state; later learning does not change it. */
    public Snapshot snapshot() {
        return new Snapshot(params, average, averageIntercept, iterate, iterateIntercept, samples, positives);
    }

    public int dimension() { return iterate.length; }

    public Params params() { return params; }

    /** Trades learned so far. */
    public long samples() { return samples; }

    /** Whether predictions come from the weights, i.e. {@code samples() >= params().minSamples()}. */
    public boolean trained() { return samples >= params.minSamples(); }

    /** The prior used before {@link #trained()}: {@code (positives + 1) / (samples + 2)}. */
    public double prior() { return (positives + 1.0) / (samples + 2.0); }

    /**
     * P(positive net outcome | x): the prior while untrained, else σ(b̄ + w̄ · x) clipped to
     * [{@link #MIN_PROBABILITY}, 1 − MIN_PROBABILITY]. Does not change the model.
     *
     * @throws IllegalArgumentException if x has the wrong length or an entry that is NaN, infinite or beyond {@link #MAX_ABS_FEATURE}
     */
    public double predict(double[] x) {
        check(x);
        if (!trained()) return prior();
        return Math.max(MIN_PROBABILITY, Math.min(1 - MIN_PROBABILITY, sigmoid(logit(average, averageIntercept, x))));
    }

    /**
     * One SGD step on the trade with features {@code x} and its outcome.
     *
     * @throws IllegalArgumentException as {@link #predict}; the model is then unchanged
     */
    public void learn(double[] x, boolean positiveNetOutcome) {
        check(x);
        // The gradient is taken at the iterate, not the average: averaging is a read-out, the
        // SGD chain itself must stay the plain one for its convergence to hold.
        double g = sigmoid(logit(iterate, iterateIntercept, x)) - (positiveNetOutcome ? 1 : 0);
        double eta = params.learningRate();
        double decay = 1 - eta * params.l2();
        for (int i = 0; i < iterate.length; i++) iterate[i] = iterate[i] * decay - eta * g * x[i];
        iterateIntercept -= eta * g;
        samples++;
        if (positiveNetOutcome) positives++;

        double alpha = Math.max(1.0 / samples, eta / AVERAGING_STEPS_PER_RATE);
        for (int i = 0; i < average.length; i++) average[i] += alpha * (iterate[i] - average[i]);
        averageIntercept += alpha * (iterateIntercept - averageIntercept);
    }

    private static double logit(double[] w, double b, double[] x) {
        double z = b;
        for (int i = 0; i < w.length; i++) z += w[i] * x[i];
        return z;
    }

    // The two branches keep exp from overflowing: exp is only ever taken of a non-positive number.
    private static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private void check(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != iterate.length) {
            throw new IllegalArgumentException("x has " + x.length + " features, the model " + iterate.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) throw new IllegalArgumentException("x[" + i + "] is not finite: " + x[i]);
            if (Math.abs(x[i]) > MAX_ABS_FEATURE) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " exceeds the feature bound " + MAX_ABS_FEATURE);
            }
        }
    }
}
