package dev.meridian.exchange;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One trade execution of an order at a venue, as the venue reports it: {@code execId} is the
 * venue's unique id (the key that makes booking idempotent), {@code fee} is in quote currency
 * (negative for a maker rebate), {@code maker} says which side of the trade we were. Slippage is
 * not a venue fact: the router measures it against the order's decision price.
 */
public record Execution(String orderLinkId, String execId, String symbol, BigDecimal qty, BigDecimal price,
                        BigDecimal fee, boolean maker, long timeMs) {
    public Execution {
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        Objects.requireNonNull(execId, "execId");
        if (qty.signum() <= 0) throw new IllegalArgumentException("execution qty must be > 0");
        if (price.signum() <= 0) throw new IllegalArgumentException("execution price must be > 0");
    }
}
