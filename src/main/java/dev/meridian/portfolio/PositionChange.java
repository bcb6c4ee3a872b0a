package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;

import java.math.BigDecimal;

/**
 * Published when a position opens or closes. When closed, {@code qty} is zero and the other
 * position fields are null. When open it carries what the strategy needs to manage the exit: the
 * mode and session it opened in, the decision price of the entry, the stop and the entry time.
 */
public record PositionChange(String symbol, AssetClass assetClass, boolean open, Side side, BigDecimal qty,
                             BigDecimal stopPrice, Mode mode, SessionLabel session, BigDecimal entryRefPrice,
                             long entryTimeMs) {
    static PositionChange of(String symbol, AssetClass assetClass, java.util.Optional<Position> p) {
        return p.map(x -> new PositionChange(symbol, assetClass, true, x.side(), x.qty(), x.stopPrice(), x.mode(),
                        x.session(), x.entryRefPrice(), x.entryTimeMs()))
                .orElseGet(() -> new PositionChange(symbol, assetClass, false, null, BigDecimal.ZERO, null, null, null, null, 0L));
    }
}
