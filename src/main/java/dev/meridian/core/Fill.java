package dev.meridian.core;

import java.math.BigDecimal;

/**
 * An execution of (part of) an order at {@code price}. {@code fee} is the exchange fee in quote
 * currency, except for FOREX, where it is USD (OANDA charges its commission in the account's
 * currency, and the paper fills convert theirs at the fill's price); {@code slippage} is the cost of
 * the fill against the order's decision price, {@code qty × |price − refPrice|} signed so that a
 * worse fill costs a positive amount, in the quote currency (for FOREX too: it is a price
 * difference, see {@link ForexPair}).
 */
public record Fill(String id, Order order, BigDecimal qty, BigDecimal price, BigDecimal fee, BigDecimal slippage,
                   long timeMs) {
}
