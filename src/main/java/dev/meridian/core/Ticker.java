package dev.meridian.core;

import java.math.BigDecimal;

/**
 * A symbol's ticker after any deltas are merged: every field the exchange sent so far (null when
 * it never sent one, e.g. funding for spot, greeks outside options).
 */
public record Ticker(Category category, String symbol, long timeMs, BigDecimal lastPrice, BigDecimal bid1Price,
                     BigDecimal ask1Price, BigDecimal volume24h, BigDecimal turnover24h, BigDecimal markPrice,
                     BigDecimal indexPrice, BigDecimal fundingRate, BigDecimal markIv, BigDecimal delta,
                     BigDecimal gamma, BigDecimal vega, BigDecimal theta) {
}
