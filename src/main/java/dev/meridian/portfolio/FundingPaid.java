package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;

import java.math.BigDecimal;

/**
 * A funding settlement booked on an open perp position ({@code evt.funding}), published after it
 * is committed. {@code fee} > 0 was paid, < 0 received; it is part of the position's fees.
 */
public record FundingPaid(String symbol, AssetClass assetClass, long timeMs, Side side, BigDecimal qty, BigDecimal markPrice,
                          BigDecimal rate, BigDecimal fee, boolean paper) {
    static FundingPaid of(Ledger.Funding f) {
        Position p = f.position();
        return new FundingPaid(p.symbol(), p.assetClass(), f.timeMs(), p.side(), p.qty(), f.markPrice(), f.rate(), f.fee(), p.paper());
    }
}
