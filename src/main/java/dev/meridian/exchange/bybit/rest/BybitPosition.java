package dev.meridian.exchange.bybit.rest;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One position as {@code GET /v5/position/list} reports it (linear, one-way mode: one entry per
 * symbol, {@code positionIdx} 0). Decimals are exact, parsed from Bybit's strings.
 *
 * <p>Invariants: {@code size >= 0} (Bybit's size has no sign; {@code side} says which way);
 * {@code side} is empty exactly for a flat position (Bybit sends {@code ""}, older payloads
 * {@code "None"}). {@code liqPrice} is empty when Bybit sends {@code ""} (no position, or no price
 * at which it would be liquidated). {@code avgPrice}, {@code leverage} and {@code markPrice} are
 * empty when Bybit sends them empty.
 */
public record BybitPosition(String symbol, int positionIdx, Optional<Side> side, BigDecimal size,
                            Optional<BigDecimal> avgPrice, Optional<BigDecimal> leverage,
                            Optional<BigDecimal> liqPrice, Optional<BigDecimal> markPrice, long updatedTimeMs) {
    public BybitPosition {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(avgPrice, "avgPrice");
        Objects.requireNonNull(leverage, "leverage");
        Objects.requireNonNull(liqPrice, "liqPrice");
        Objects.requireNonNull(markPrice, "markPrice");
        if (size.signum() < 0) throw new IllegalArgumentException("size must be >= 0, got " + size.toPlainString());
    }

    /** {@code size} with a direction: positive long, negative short, zero flat. */
    public BigDecimal signedSize() {
        return side.map(s -> s == Side.BUY ? size : size.negate()).orElse(BigDecimal.ZERO);
    }
}
