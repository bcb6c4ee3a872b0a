package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;

import java.math.BigDecimal;

/**
 * A round trip, as the API and the backtest's trades.csv show it (same fields, same order).
 * {@code grossPnl} is priced at the decision prices, {@code slippage} is what the fills cost
 * against them, {@code fees} the exchange fees: {@code netPnl = grossPnl − fees − slippage} exactly.
 * {@code netReturnPct} is percent of {@code sizeUsd}. {@code id} is the database id (0 before it is
 * stored); {@code rewardPoints} is null until the reward system has scored it; {@code boundBy} is the
 * sizing limit that set the entry's size.
 */
public record ClosedTrade(long id, String exitFillId, long entryTimeMs, long exitTimeMs, String symbol,
                          AssetClass assetClass, Mode mode, Regime regime, SessionLabel session, Side side,
                          BigDecimal qty, BigDecimal entryPrice, BigDecimal exitPrice, BigDecimal stopPrice,
                          BigDecimal leverage, BigDecimal equityBefore, BigDecimal sizeUsd, BigDecimal riskUsd,
                          double signalScore, boolean goodSetup, BigDecimal grossPnl, BigDecimal fees,
                          BigDecimal slippage, BigDecimal netPnl, BigDecimal netReturnPct, BigDecimal rewardPoints,
                          String boundBy, boolean paper) {
    public ClosedTrade withId(long newId) {
        return new ClosedTrade(newId, exitFillId, entryTimeMs, exitTimeMs, symbol, assetClass, mode, regime, session,
                side, qty, entryPrice, exitPrice, stopPrice, leverage, equityBefore, sizeUsd, riskUsd, signalScore,
                goodSetup, grossPnl, fees, slippage, netPnl, netReturnPct, rewardPoints, boundBy, paper);
    }

    public ClosedTrade withRewardPoints(BigDecimal points) {
        return new ClosedTrade(id, exitFillId, entryTimeMs, exitTimeMs, symbol, assetClass, mode, regime, session,
                side, qty, entryPrice, exitPrice, stopPrice, leverage, equityBefore, sizeUsd, riskUsd, signalScore,
                goodSetup, grossPnl, fees, slippage, netPnl, netReturnPct, points, boundBy, paper);
    }
}
