package dev.meridian.config;

/**
 * The mode selector's settings ({@code strategy.learning} in conf/meridian.json). The section and
 * each of its fields are optional; a missing one takes its value from {@link #DEFAULTS}, so a
 * configuration written before the learner existed still starts.
 *
 * @param modeSelector   which selector AUTO uses: the learned bandit, or the documented rule table
 * @param decay          the bandit's per-reward forgetting factor of a context, in (0, 1]
 * @param priorStrength  how many zero rewards the prior is worth, > 0
 * @param priorSdPoints  the per-trade reward spread assumed before evidence, in reward points, > 0
 * @param seed           seed of the Thompson draws: the same seed and data give the same choices
 * @param scoreMinTrades closed trades the signal-score model learns before its probability replaces
 *                       the hand-weighted score
 */
public record LearningConfig(ModeSelectorKind modeSelector, double decay, double priorStrength, double priorSdPoints,
                             long seed, int scoreMinTrades) {
    /** The AUTO selectors. */
    public enum ModeSelectorKind { BANDIT, RULES }

    static final Range DECAY = Range.openClosed("0", "1");
    static final Range POSITIVE = Range.above("0");
    /** JSON numbers are doubles to most tools: seeds stay where they are exact. */
    static final Range SEED = Range.ints(0, 9_007_199_254_740_991L);
    static final Range MIN_TRADES = Range.ints(0, 1_000_000);

    public static final LearningConfig DEFAULTS = new LearningConfig(ModeSelectorKind.BANDIT, 0.98, 1.0, 50.0, 1, 200);

    public LearningConfig {
        java.util.Objects.requireNonNull(modeSelector, "mode_selector");
        DECAY.check("decay", decay);
        POSITIVE.check("prior_strength", priorStrength);
        POSITIVE.check("prior_sd_points", priorSdPoints);
        SEED.check("seed", java.math.BigDecimal.valueOf(seed));
        MIN_TRADES.check("score_min_trades", scoreMinTrades);
    }
}
