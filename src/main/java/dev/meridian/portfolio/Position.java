package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;

import java.math.BigDecimal;

/**
 * An open position with everything needed to close it into a {@link ClosedTrade}: the decision
 * (reference) and fill prices of the entry, its fees and slippage, and the trade's context.
 */
public record Position(String symbol, AssetClass assetClass, Side side, BigDecimal qty, BigDecimal entryRefPrice,
                       BigDecimal entryPrice, long entryTimeMs, BigDecimal entryFees, BigDecimal entrySlippage,
                       BigDecimal stopPrice, BigDecimal leverage, BigDecimal equityBefore, BigDecimal sizeUsd,
                       BigDecimal riskUsd, Mode mode, Regime regime, SessionLabel session, double signalScore,
                       boolean goodSetup, String boundBy, BigDecimal lastPrice) {
    /** Market value of a long position at the last price (spot is long only). */
    public BigDecimal marketValue() { return qty.multiply(lastPrice); }

    public BigDecimal unrealizedPnl() { return qty.multiply(lastPrice.subtract(entryPrice)).multiply(BigDecimal.valueOf(side.sign())); }

    public Position markedAt(BigDecimal price) {
        return new Position(symbol, assetClass, side, qty, entryRefPrice, entryPrice, entryTimeMs, entryFees,
                entrySlippage, stopPrice, leverage, equityBefore, sizeUsd, riskUsd, mode, regime, session, signalScore,
                goodSetup, boundBy, price);
    }
}
