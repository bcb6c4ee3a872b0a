package dev.meridian.market;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The market-data source's state: {@code state} is WARMING_UP, REPLAYING, LIVE or ENDED;
 * {@code lastPrices} and {@code lastEventMs} per symbol; {@code eventsProcessed} counts source
 * events this run; {@code skippedRows} counts malformed input dropped.
 */
public record MarketStatus(String source, String mode, String state, long lastSeq, long eventsProcessed,
                           long skippedRows, Map<String, BigDecimal> lastPrices, Map<String, Long> lastEventMs) {
}
