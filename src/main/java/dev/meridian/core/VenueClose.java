package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A live position (part) the venue closed by an order the bot did not send: a stop-loss attached
 * on fill that triggered, a margin closeout, a close by hand. The portfolio books it as the
 * position's exit at {@code price} with {@code fee}, once per {@code execId}; {@code side} is the
 * closing trade's side and {@code reason} the venue's word for it.
 */
public record VenueClose(String venue, String symbol, AssetClass assetClass, Side side, BigDecimal qty, BigDecimal price,
                         BigDecimal fee, long timeMs, String execId, String reason) {
    public VenueClose {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(reason, "reason");
        if (qty == null || qty.signum() <= 0) throw new IllegalArgumentException("closed qty must be > 0");
        if (price == null || price.signum() <= 0) throw new IllegalArgumentException("close price must be > 0");
        Objects.requireNonNull(fee, "fee");
    }
}
