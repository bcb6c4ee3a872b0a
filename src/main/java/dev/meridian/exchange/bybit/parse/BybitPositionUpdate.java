package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the private {@code position} topic: a position's state after a change. Bybit pushes
 * one on every create, amend or cancel of an order of the symbol, changed or not, and on fills,
 * funding and liquidation, so consumers treat it as a fresh snapshot, not as a delta.
 *
 * <p>Invariants: {@code size >= 0} (Bybit's size has no sign); {@code side} is empty exactly when
 * Bybit sent {@code ""} or {@code "None"} (a flat position). Decimals other than {@code size} are
 * null when Bybit sent them empty: {@code liqPrice} in particular is {@code ""} for a flat position
 * and for one that cannot be liquidated.
 *
 * @param category      Bybit's category as on the wire: linear, inverse or option
 * @param positionIdx   0 in one-way mode; 1 (long) or 2 (short) in hedge mode
 * @param entryPrice    {@code entryPrice} (the stream's name for the REST {@code avgPrice}), or null
 * @param markPrice     {@code markPrice}, or null
 * @param liqPrice      {@code liqPrice}, or null
 * @param leverage      {@code leverage}, or null
 * @param updatedTimeMs {@code updatedTime}, epoch ms; 0 when Bybit sent none
 */
public record BybitPositionUpdate(String category, String symbol, int positionIdx, Optional<Side> side, BigDecimal size,
                                  BigDecimal entryPrice, BigDecimal markPrice, BigDecimal liqPrice, BigDecimal leverage,
                                  long updatedTimeMs) implements PrivateEvent {
    public BybitPositionUpdate {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        if (size.signum() < 0) throw new IllegalArgumentException("size must be >= 0");
    }

    /** {@code size} with a direction: positive long, negative short, zero flat. */
    public BigDecimal signedSize() {
        return side.map(s -> s == Side.BUY ? size : size.negate()).orElse(BigDecimal.ZERO);
    }
}
