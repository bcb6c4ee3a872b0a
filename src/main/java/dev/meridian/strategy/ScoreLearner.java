package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.learning.SignalScoreModel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The signal score of entries, learned: an online logistic regression ({@link SignalScoreModel})
 * from an entry's features to the probability that the trade closes with a positive net P&L.
 * Until the model has learned {@code minSamples} trades the score is the documented hand-weighted
 * {@link SignalScore}; from then on it is the model's probability, so {@code good_setup}
 * ({@code signal_score >= good_setup_score_min}) means "this kind of entry has won, net of costs,
 * at least that often".
 *
 * <p>Features (all in [0, 1]): {@code [strength, regime fit, confirmation, SCALP, INTRADAY_TREND,
 * SWING, MEAN_REVERSION]}, the last four a one-hot of the mode.
 *
 * <p>Bookkeeping per symbol key: the features of the last entry intent wait until a position opens
 * for that key (an intent risk refused never opens one), stay with the open position, teach the
 * model at each of its closed trades and are dropped when the position is flat. Callers report, in
 * the deployed chain's order, position changes before the trades they close. Not thread-safe.
 */
public final class ScoreLearner {
    public static final int DIMENSION = 7;
    /** The features' names, in vector order. */
    public static final java.util.List<String> FEATURES = java.util.List.of("strength", "regime_fit", "confirmation",
            "mode_scalp", "mode_intraday_trend", "mode_swing", "mode_mean_reversion");
    private static final Mode[] ONE_HOT = {Mode.SCALP, Mode.INTRADAY_TREND, Mode.SWING, Mode.MEAN_REVERSION};

    /**
     * Persisted state (plain values for JSON): the model, null for a hand-weighted-only learner, and
     * the entry features of open positions by symbol key.
     */
    public record State(SignalScoreModel.Snapshot model, Map<String, double[]> open) {
    }

    private final SignalScoreModel model;
    private final Map<String, double[]> pending = new HashMap<>();
    private final Map<String, double[]> open = new TreeMap<>();
    private final Set<String> flat = new HashSet<>();

    private ScoreLearner(SignalScoreModel model) { this.model = model; }

    /** Always the hand-weighted score; learns nothing. */
    public static ScoreLearner handWeighted() { return new ScoreLearner(null); }

    /** A fresh model with {@code params}. */
    public static ScoreLearner learning(SignalScoreModel.Params params) {
        return new ScoreLearner(new SignalScoreModel(DIMENSION, params));
    }

    public static ScoreLearner restore(State state) {
        ScoreLearner s = new ScoreLearner(state.model() == null ? null : SignalScoreModel.restore(state.model()));
        state.open().forEach((k, x) -> s.open.put(k, x.clone()));
        return s;
    }

    public State state() {
        Map<String, double[]> copy = new TreeMap<>();
        open.forEach((k, x) -> copy.put(k, x.clone()));
        return new State(model == null ? null : model.snapshot(), copy);
    }

    public Optional<SignalScoreModel> model() { return Optional.ofNullable(model); }

    /** Drops the features of keys without an open position (after a restart has relearned the trades it missed). */
    public void retainOpen(Set<String> openKeys) {
        open.keySet().retainAll(openKeys);
    }

    public static double[] features(ModeStrategy.Setup setup, double regimeFit, Mode mode) {
        double[] x = new double[DIMENSION];
        x[0] = setup.strength();
        x[1] = ModeStrategy.clamp01(regimeFit);
        x[2] = setup.confirmation();
        for (int i = 0; i < ONE_HOT.length; i++) x[3 + i] = ONE_HOT[i] == mode ? 1 : 0;
        return x;
    }

    /** The score of an entry with features {@code x} whose hand-weighted score is {@code handScore}; six decimals. */
    public double score(double[] x, double handScore) {
        if (model == null || !model.trained()) return handScore;
        return Math.round(model.predict(x) * 1e6) / 1e6;
    }

    /** An entry intent for {@code key} went to risk with features {@code x}. */
    public void entryIntended(String key, double[] x) { pending.put(key, x.clone()); }

    /** The portfolio's position for {@code key} is now open or flat. */
    public void positionChanged(String key, boolean isOpen) {
        if (isOpen) {
            flat.remove(key);
            double[] x = pending.remove(key);
            if (x != null && !open.containsKey(key)) open.put(key, x);
        } else {
            flat.add(key);
        }
    }

    /**
     * A trade of {@code key} closed: the model learns whether it was positive net, if the entry's
     * features are known (they are not for a position opened before the learner existed).
     *
     * @return whether the model learned from it
     */
    public boolean closed(String key, boolean positiveNet) {
        double[] x = open.get(key);
        if (flat.remove(key)) open.remove(key);
        if (x == null || model == null) return false;
        model.learn(x, positiveNet);
        return true;
    }
}
