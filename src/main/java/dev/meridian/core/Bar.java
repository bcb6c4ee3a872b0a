package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A closed OHLCV bar. {@code openTimeMs} is UTC-aligned to {@code timeframeSec}; the bar covers
 * [openTimeMs, openTimeMs + timeframeSec*1000). {@code seq} is the source position of the event that
 * closed it (for a bar read from a bar source, the bar's own position). Prices are exact decimals;
 * indicator math reads the double views.
 */
public record Bar(String symbol, AssetClass assetClass, int timeframeSec, long openTimeMs,
                  BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
                  long seq, boolean warmup) implements MarketEvent {
    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        if (timeframeSec <= 0) throw new IllegalArgumentException("timeframeSec must be > 0");
        if (high.compareTo(low) < 0) throw new IllegalArgumentException("high < low in bar of " + symbol);
    }

    /** A bar is known when it closes, so that is its event time. */
    @Override public long eventTimeMs() { return closeTimeMs(); }

    public long closeTimeMs() { return openTimeMs + timeframeSec * 1000L; }

    public double closeD() { return close.doubleValue(); }

    public double highD() { return high.doubleValue(); }

    public double lowD() { return low.doubleValue(); }

    public Bar asWarmup(boolean w) {
        return w == warmup ? this
                : new Bar(symbol, assetClass, timeframeSec, openTimeMs, open, high, low, close, volume, seq, w);
    }

    /**
     * The bar's close as a trade print, for sources that have bars but no trades: marks, the paper
     * venue and sessions follow it as they would follow the last trade of the bar.
     */
    public Tick closeAsTick() {
        return new Tick(symbol, assetClass, closeTimeMs() - 1, close, volume, seq, warmup);
    }
}
