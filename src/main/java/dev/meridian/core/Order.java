package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order approved by risk and sizing. {@code id} is deterministic (source, event seq, symbol,
 * side) so that a re-sent order after a restart collides instead of trading twice.
 * {@code refPrice} is the decision price; the trade context fields (mode, regime, session, score,
 * sizing figures) travel with the order so the booked trade records why it was taken.
 * {@code boundBy} names the sizing limit that set the size (e.g. FIXED, RISK, PAIR_CAP; empty
 * for exits). {@code paper} is decided by the funds controller right before the order leaves.
 */
public record Order(String id, String source, long seq, long timeMs, String symbol, AssetClass assetClass, Side side,
                    boolean entry, BigDecimal qty, BigDecimal refPrice, BigDecimal stopPrice, BigDecimal leverage,
                    BigDecimal equityBefore, BigDecimal sizeUsd, BigDecimal riskUsd, Mode mode, Regime regime,
                    SessionLabel session, double signalScore, boolean goodSetup, String boundBy, boolean paper) {
    public Order {
        Objects.requireNonNull(id, "id");
        if (qty.signum() <= 0) throw new IllegalArgumentException("order qty must be > 0, got " + qty);
        if (refPrice.signum() <= 0) throw new IllegalArgumentException("order ref price must be > 0");
    }

    public Order withPaper(boolean p) {
        return new Order(id, source, seq, timeMs, symbol, assetClass, side, entry, qty, refPrice, stopPrice, leverage,
                equityBefore, sizeUsd, riskUsd, mode, regime, session, signalScore, goodSetup, boundBy, p);
    }
}
