package dev.meridian.exchange.oanda;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One OANDA mid-price candle ({@code price=M}): the interval starting at {@code startMs}, its mid
 * open/high/low/close, {@code volume} = the number of price updates in it (OANDA's tick volume),
 * and whether the interval has closed. Invariants: low ≤ open, close ≤ high; volume ≥ 0.
 */
public record OandaCandle(long startMs, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume,
                          boolean complete) {
    public OandaCandle {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        if (low.compareTo(high) > 0 || open.compareTo(low) < 0 || open.compareTo(high) > 0 || close.compareTo(low) < 0
                || close.compareTo(high) > 0) {
            throw new IllegalArgumentException("candle at " + startMs + " is not low <= open, close <= high");
        }
        if (volume < 0) throw new IllegalArgumentException("candle volume must be >= 0, got " + volume);
    }
}
