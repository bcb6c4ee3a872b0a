package dev.meridian.core;

import java.math.BigDecimal;

/**
 * One public trade as an exchange reports it, before the market module numbers it into a
 * {@link Tick}: {@code tradeId} lets duplicates be dropped; {@code takerSide} is the aggressor.
 */
public record TradePrint(Category category, String symbol, long timeMs, BigDecimal price, BigDecimal qty,
                         Side takerSide, String tradeId) {
}
