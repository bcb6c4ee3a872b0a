package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One trade print of a symbol. {@code seq} is the position of the event in its source (replay row
 * or live sequence), strictly increasing within one source; it is what restart resumes after.
 * {@code warmup} marks events re-fed after a restart only to rebuild indicator state: no decision
 * may act on them.
 */
public record Tick(String symbol, AssetClass assetClass, long timeMs, BigDecimal price, BigDecimal qty,
                   long seq, boolean warmup) implements MarketEvent {
    public Tick {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(qty, "qty");
        if (price.signum() <= 0) throw new IllegalArgumentException("price must be > 0, got " + price);
        if (qty.signum() < 0) throw new IllegalArgumentException("qty must be >= 0, got " + qty);
    }

    @Override public long eventTimeMs() { return timeMs; }

    public Tick asWarmup(boolean w) {
        return w == warmup ? this : new Tick(symbol, assetClass, timeMs, price, qty, seq, w);
    }
}
