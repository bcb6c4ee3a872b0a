package dev.meridian.exchange;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One trade execution of an order at a venue, as the venue reports it: {@code execId} is the
 * venue's unique id (the key that makes booking idempotent), {@code fee} is the fee charged in the
 * quote currency (negative for a maker rebate), {@code feeInBase} the fee taken from the bought
 * base coin instead (Bybit spot buys: the holding grows by {@code qty − feeInBase}); one of the two
 * is usually zero. {@code maker} says which side of the trade we were. Slippage is not a venue
 * fact: the router measures it against the order's decision price.
 */
public record Execution(String orderLinkId, String execId, String symbol, BigDecimal qty, BigDecimal price,
                        BigDecimal fee, BigDecimal feeInBase, boolean maker, long timeMs) {
    public Execution {
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        Objects.requireNonNull(execId, "execId");
        if (qty.signum() <= 0) throw new IllegalArgumentException("execution qty must be > 0");
        if (price.signum() <= 0) throw new IllegalArgumentException("execution price must be > 0");
        if (feeInBase.signum() < 0 || feeInBase.compareTo(qty) >= 0) {
            throw new IllegalArgumentException("a base-coin fee must be in [0, qty), got " + feeInBase.toPlainString());
        }
    }

    /**
     * Splits a Bybit fee by its {@code feeCurrency}: the symbol's base coin (the symbol starts with it
     * and does not end with it, e.g. BTC of BTCUSDT) → {@code feeInBase}; anything else is taken as
     * the quote coin. Returns {fee, feeInBase}.
     */
    public static BigDecimal[] splitFee(String symbol, BigDecimal fee, String feeCurrency) {
        boolean base = feeCurrency != null && !feeCurrency.isEmpty() && symbol.startsWith(feeCurrency) && !symbol.endsWith(feeCurrency);
        return base ? new BigDecimal[] {BigDecimal.ZERO, fee} : new BigDecimal[] {fee, BigDecimal.ZERO};
    }
}
