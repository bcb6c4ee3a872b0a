package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;

import java.math.BigDecimal;

/**
 * An open position with everything needed to close it into a {@link ClosedTrade}: the decision
 * (reference) and fill prices of the entry, its fees and slippage, and the trade's context.
 * {@code paper} is false for a position held at a live venue: its exit must go there too.
 * Prices are the instrument's (for FOREX, quote currency per base unit); {@code entryFees},
 * {@code entrySlippage}, {@code sizeUsd} and {@code riskUsd} are USD (a FOREX fill's slippage is
 * converted at the fill's own price, see {@link Ledger}).
 */
public record Position(String symbol, AssetClass assetClass, Side side, BigDecimal qty, BigDecimal entryRefPrice,
                       BigDecimal entryPrice, long entryTimeMs, BigDecimal entryFees, BigDecimal entrySlippage,
                       BigDecimal stopPrice, BigDecimal leverage, BigDecimal equityBefore, BigDecimal sizeUsd,
                       BigDecimal riskUsd, Mode mode, Regime regime, SessionLabel session, double signalScore,
                       boolean goodSetup, String boundBy, BigDecimal lastPrice, boolean paper) {
    /**
     * What the position adds to its sub-ledger's equity at the last price: the signed notional for
     * cash classes (bought outright, or for a sold option package what closing it would cost), the
     * unrealized P&L for margined ones (see {@link AssetClass#margined()}).
     */
    public BigDecimal marketValue() {
        return assetClass.margined() ? unrealizedPnl() : qty.multiply(lastPrice).multiply(BigDecimal.valueOf(side.sign()));
    }

    /**
     * {@code qty × (last − entry) × sign}, in USD: a FOREX position's P&L is in the quote currency
     * and is converted at the mark (the last price), as its exit would convert it.
     */
    public BigDecimal unrealizedPnl() {
        BigDecimal pnl = qty.multiply(lastPrice.subtract(entryPrice)).multiply(BigDecimal.valueOf(side.sign()));
        return assetClass == AssetClass.FOREX ? ForexPair.parse(symbol).quoteToUsd(pnl, lastPrice) : pnl;
    }

    /**
     * This position after paying {@code fee} of funding (negative = received): it joins the entry's
     * fees, so the trade that closes the position carries it in {@code fees}.
     */
    public Position withFunding(BigDecimal fee) {
        return new Position(symbol, assetClass, side, qty, entryRefPrice, entryPrice, entryTimeMs, entryFees.add(fee),
                entrySlippage, stopPrice, leverage, equityBefore, sizeUsd, riskUsd, mode, regime, session, signalScore,
                goodSetup, boundBy, lastPrice, paper);
    }

    public Position markedAt(BigDecimal price) {
        return new Position(symbol, assetClass, side, qty, entryRefPrice, entryPrice, entryTimeMs, entryFees,
                entrySlippage, stopPrice, leverage, equityBefore, sizeUsd, riskUsd, mode, regime, session, signalScore,
                goodSetup, boundBy, price, paper);
    }

    /**
     * The share {@code part / qty} of this position: the same context with fees, slippage, size and
     * risk in proportion, rounded to 18 decimals (the remainder keeps the difference, so
     * {@code portion(x)} plus {@code minus(portion(x))} add up to this position exactly).
     */
    public Position portion(BigDecimal part) {
        if (part.signum() <= 0 || part.compareTo(qty) >= 0) throw new IllegalArgumentException("a portion is in (0, qty)");
        java.math.MathContext mc = java.math.MathContext.DECIMAL128;
        BigDecimal f = part.divide(qty, mc);
        return new Position(symbol, assetClass, side, part, entryRefPrice, entryPrice, entryTimeMs, share(entryFees, f),
                share(entrySlippage, f), stopPrice, leverage, equityBefore, share(sizeUsd, f), share(riskUsd, f), mode, regime,
                session, signalScore, goodSetup, boundBy, lastPrice, paper);
    }

    /** This position without {@code part} (which must be one of its portions). */
    public Position minus(Position part) {
        return new Position(symbol, assetClass, side, qty.subtract(part.qty), entryRefPrice, entryPrice, entryTimeMs,
                entryFees.subtract(part.entryFees), entrySlippage.subtract(part.entrySlippage), stopPrice, leverage,
                equityBefore, sizeUsd.subtract(part.sizeUsd), riskUsd.subtract(part.riskUsd), mode, regime, session,
                signalScore, goodSetup, boundBy, lastPrice, paper);
    }

    private static BigDecimal share(BigDecimal amount, BigDecimal fraction) {
        return amount.multiply(fraction).setScale(18, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
