package dev.meridian.exchange.bybit.parse;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level of an order book side, exactly as the exchange wrote it: {@code price > 0} and
 * {@code size >= 0}. In a delta a size of zero means "remove this level"; a level held by an
 * {@link OrderBook} always has {@code size > 0}.
 */
public record BookLevel(BigDecimal price, BigDecimal size) {
    public BookLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        if (price.signum() <= 0) throw new IllegalArgumentException("price must be > 0, got " + price);
        if (size.signum() < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
}
