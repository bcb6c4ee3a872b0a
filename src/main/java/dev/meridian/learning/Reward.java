package dev.meridian.learning;

import java.math.BigDecimal;

/** A closed trade's reward, per learning context (asset class, regime, session, mode). */
public record Reward(long tradeId, String assetClass, String regime, String session, String mode,
                     BigDecimal netReturnPct, BigDecimal points) {
}
