package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An order approved by risk and sizing. {@code id} is deterministic (source, event seq, symbol,
 * side) so that a re-sent order after a restart collides instead of trading twice.
 * {@code refPrice} is the decision price; the trade context fields (mode, regime, session, score,
 * sizing figures) travel with the order so the booked trade records why it was taken.
 * {@code boundBy} names the sizing limit that set the size (e.g. FIXED, RISK, PAIR_CAP; empty
 * for exits). {@code paper} is decided by the funds controller right before the order leaves.
 * {@code ticket} is null except for an option package order, which fills at it (its ref price
 * may then be 0: a package that expires worthless is closed at nothing).
 */
public record Order(String id, String source, long seq, long timeMs, String symbol, AssetClass assetClass, Side side,
                    boolean entry, BigDecimal qty, BigDecimal refPrice, BigDecimal stopPrice, BigDecimal leverage,
                    BigDecimal equityBefore, BigDecimal sizeUsd, BigDecimal riskUsd, Mode mode, Regime regime,
                    SessionLabel session, double signalScore, boolean goodSetup, String boundBy, boolean paper, PackageTicket ticket) {
    public Order {
        Objects.requireNonNull(id, "id");
        if (qty.signum() <= 0) throw new IllegalArgumentException("order qty must be > 0, got " + qty);
        if (ticket == null ? refPrice.signum() <= 0 : refPrice.signum() < 0) {
            throw new IllegalArgumentException("order ref price must be > 0" + (ticket == null ? "" : " (>= 0 for a package)"));
        }
    }

    /** An order without a package ticket (every class but an option package). */
    public Order(String id, String source, long seq, long timeMs, String symbol, AssetClass assetClass, Side side,
                 boolean entry, BigDecimal qty, BigDecimal refPrice, BigDecimal stopPrice, BigDecimal leverage,
                 BigDecimal equityBefore, BigDecimal sizeUsd, BigDecimal riskUsd, Mode mode, Regime regime,
                 SessionLabel session, double signalScore, boolean goodSetup, String boundBy, boolean paper) {
        this(id, source, seq, timeMs, symbol, assetClass, side, entry, qty, refPrice, stopPrice, leverage, equityBefore, sizeUsd,
                riskUsd, mode, regime, session, signalScore, goodSetup, boundBy, paper, null);
    }

    /** The package ticket this order fills at, if it is an option package order. */
    public Optional<PackageTicket> packageTicket() { return Optional.ofNullable(ticket); }

    public Order withPaper(boolean p) {
        return new Order(id, source, seq, timeMs, symbol, assetClass, side, entry, qty, refPrice, stopPrice, leverage,
                equityBefore, sizeUsd, riskUsd, mode, regime, session, signalScore, goodSetup, boundBy, p, ticket);
    }
}
