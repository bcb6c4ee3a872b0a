package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A mark price for an instrument that has no trade prints of its own (an option package, valued
 * at the model's mids per unit by the strategy that holds it). It moves the position's value and
 * nothing else: no fills, no bars, no funding. Unlike a {@link Tick} the price may be 0 (a package
 * that is worth nothing).
 */
public record Mark(String symbol, AssetClass assetClass, long timeMs, BigDecimal price) {
    public Mark {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(price, "price");
    }
}
