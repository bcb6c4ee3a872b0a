package dev.meridian.learning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rewards from net results. {@code points = 100 × tanh(netReturnPct / 2)}, rounded to 4 decimals:
 * the sign of the net return (after fees and slippage, never gross), about 50 points per +1 %,
 * bounded to ±100 so one outlier cannot dominate what the learner sees.
 */
public final class RewardSystem {
    private RewardSystem() {
    }

    public static BigDecimal points(BigDecimal netReturnPct) {
        double p = 100 * Math.tanh(netReturnPct.doubleValue() / 2);
        return BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_EVEN);
    }
}
