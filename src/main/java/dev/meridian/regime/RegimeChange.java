package dev.meridian.regime;

import dev.meridian.core.Regime;

/** Published when a symbol's regime on a timeframe switches (after hysteresis). */
public record RegimeChange(String symbol, dev.meridian.core.AssetClass assetClass, int timeframeSec, Regime regime, double confidence, long timeMs) {
}
