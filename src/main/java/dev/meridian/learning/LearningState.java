package dev.meridian.learning;

import dev.meridian.core.Mode;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the AUTO mode selector believes, for {@code GET /api/learning} and the dashboard.
 *
 * @param selector    BANDIT or RULES
 * @param params      the bandit's tuning (empty for the rule table)
 * @param seed        seed of the Thompson draws
 * @param lastTradeId newest closed trade learned (0 = none)
 * @param contexts    per (asset class, regime, session) seen, in enum order
 * @param score       the signal-score model
 */
public record LearningState(String selector, Optional<ModeBandit.Params> params, long seed, long lastTradeId,
                            List<ContextView> contexts, ScoreView score) {
    /**
     * The signal-score model: trades learned, how many it needs before its probability is the
     * score ({@code inUse}), the base rate of positive net trades, and its averaged weights by
     * feature name with the intercept. Empty weights when there is no model.
     */
    public record ScoreView(long tradesLearned, int minTrades, boolean inUse, double baseRate,
                            List<String> features, double[] weights, double intercept) {
        public static ScoreView of(Optional<SignalScoreModel> model, List<String> features) {
            if (model.isEmpty()) return new ScoreView(0, 0, false, 0.5, features, new double[0], 0);
            SignalScoreModel m = model.get();
            SignalScoreModel.Snapshot s = m.snapshot();
            return new ScoreView(m.samples(), m.params().minSamples(), m.trained(), m.prior(), features, s.weights(), s.intercept());
        }
    }

    /**
     * One context: decisions taken (setups fired), how many stayed flat, and the arms of the modes
     * the session and asset class allow there.
     */
    public record ContextView(ModeBandit.Context context, long decisions, long stayedFlat, List<ModeBandit.ArmView> arms) {
    }

    /** The bandit's state, showing in each context the modes {@code allowed} gives for it. */
    public static LearningState of(ModeBandit bandit, long seed, long lastTradeId,
                                   Function<ModeBandit.Context, Set<Mode>> allowed, ScoreView score) {
        List<ContextView> views = bandit.contexts().stream().map(c -> new ContextView(c, bandit.choices(c), bandit.stayedFlat(c),
                bandit.view(c).stream().filter(a -> allowed.apply(c).contains(a.mode()) || a.effectiveN() > 0 || a.pulls() > 0).toList()))
                .toList();
        return new LearningState("BANDIT", Optional.of(bandit.params()), seed, lastTradeId, views, score);
    }
}
