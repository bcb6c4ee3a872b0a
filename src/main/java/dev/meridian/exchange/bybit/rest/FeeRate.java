package dev.meridian.exchange.bybit.rest;

import java.math.BigDecimal;
import java.util.Objects;

/** The account's fee rates on one symbol, as fractions of traded value (0.001 = 0.1 %); a negative maker rate is a rebate. */
public record FeeRate(String symbol, BigDecimal maker, BigDecimal taker) {
    public FeeRate {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(taker, "taker");
    }
}
