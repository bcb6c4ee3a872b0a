package dev.meridian.market;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The market-data source's state: {@code state} is WARMING_UP, REPLAYING, LIVE, ENDED or FAILED;
 * {@code eventsProcessed}
 * counts source events this run; {@code skippedRows} counts malformed input dropped (rows or
 * frames). Live sources add their connections, the symbols whose data is stale, and counters.
 */
public record MarketStatus(String source, String mode, String state, long lastSeq, long eventsProcessed,
                           long skippedRows,
                           List<Connection> connections, Set<String> staleSymbols, Map<String, Long> counters,
                           Map<String, Quote> quotes) {
    /** Best bid and ask of a symbol's order book (live only). */
    public record Quote(BigDecimal bid, BigDecimal ask) {
    }

    /** One stream connection (live only). */
    public record Connection(String category, String state, long reconnects, long lastMessageMs, List<String> failedTopics) {
    }
}
