package dev.meridian.core;

import java.math.BigDecimal;

/**
 * An exchange candle. {@code confirm} is true once the interval has closed (streamed klines
 * update while open); REST history candles are closed except possibly the newest.
 */
public record Kline(Category category, String symbol, int intervalSec, long startMs, BigDecimal open, BigDecimal high,
                    BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal turnover, boolean confirm) {
}
