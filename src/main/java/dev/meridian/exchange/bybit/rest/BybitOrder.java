package dev.meridian.exchange.bybit.rest;

import dev.meridian.core.Side;
import dev.meridian.exchange.OrderStatus;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One order as {@code /v5/order/realtime} reports it. Decimals are exact, parsed from Bybit's
 * strings. {@code orderLinkId} is {@code ""} for an order placed without one. {@code avgPrice} and
 * {@code cumExecFee} are 0 while nothing has filled (Bybit sends {@code ""} or {@code "0"} then);
 * {@code rawStatus} keeps Bybit's own word, since {@link OrderStatus} folds several into one.
 *
 * <p>Invariant: {@code cumExecQty >= 0}. {@code qty} is taken as Bybit sends it, unchecked.
 */
public record BybitOrder(String orderId, String orderLinkId, String symbol, Side side, OrderStatus status,
                         String rawStatus, BigDecimal qty, BigDecimal cumExecQty, BigDecimal avgPrice,
                         BigDecimal cumExecFee) {
    public BybitOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rawStatus, "rawStatus");
        if (cumExecQty.signum() < 0) throw new IllegalArgumentException("cumExecQty must be >= 0");
        Objects.requireNonNull(avgPrice, "avgPrice");
        Objects.requireNonNull(cumExecFee, "cumExecFee");
        Objects.requireNonNull(qty, "qty");
    }
}
