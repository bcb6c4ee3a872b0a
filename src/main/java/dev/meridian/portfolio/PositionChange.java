package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;

import java.math.BigDecimal;

/** Published when a position opens or closes; {@code qty} is zero and {@code side} null when closed. */
public record PositionChange(String symbol, AssetClass assetClass, boolean open, Side side, BigDecimal qty,
                             BigDecimal stopPrice) {
}
