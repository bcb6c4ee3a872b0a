package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One contract order of an option package order: {@code side} and {@code qty} contracts of the
 * venue's {@code symbol} (e.g. {@code BTC-27DEC26-100000-C}), at {@code price} per contract or
 * better, the quote it was judged at (a BUY at the ask, a SELL at the bid). For an exit the sides
 * are those of the closing orders (a bought leg is sold). Plain values only: it travels in
 * {@link PackageTicket}, stored as JSON.
 *
 * <p>Invariants: symbol non-blank; qty and price > 0.
 */
public record TicketLeg(String symbol, Side side, BigDecimal qty, BigDecimal price) {
    public TicketLeg {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("ticket leg symbol is blank");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(price, "price");
        if (qty.signum() <= 0) throw new IllegalArgumentException("ticket leg qty must be > 0, got " + qty.toPlainString());
        if (price.signum() <= 0) throw new IllegalArgumentException("ticket leg price must be > 0, got " + price.toPlainString());
    }
}
