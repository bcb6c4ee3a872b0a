package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A venue's best bid and ask of a symbol at {@code timeMs}, for a market that quotes but prints no
 * trades (forex): the paper venue fills market orders against it, so a paper order pays the
 * spread as a live one does. Invariants: 0 &lt; bid ≤ ask.
 */
public record Quote(String symbol, AssetClass assetClass, long timeMs, BigDecimal bid, BigDecimal ask) {
    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        if (bid == null || ask == null || bid.signum() <= 0 || bid.compareTo(ask) > 0) {
            throw new IllegalArgumentException(symbol + ": a quote needs 0 < bid <= ask, got " + bid + " / " + ask);
        }
    }
}
