package dev.meridian.core;

import java.math.BigDecimal;

/**
 * An execution of (part of) an order at {@code price}. {@code fee} is the exchange fee in quote
 * currency; {@code slippage} is the cost of the fill against the order's decision price,
 * {@code qty × |price − refPrice|} signed so that a worse fill costs a positive amount.
 */
public record Fill(String id, Order order, BigDecimal qty, BigDecimal price, BigDecimal fee, BigDecimal slippage,
                   long timeMs) {
}
