package dev.meridian.core;

import dev.meridian.core.Instrument.OptionSpec;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One listed option contract as a venue quoted it at one moment, already checked by the adapter:
 * the contract terms come from its listing ({@link Instrument#option()}), the prices and greeks
 * from its ticker. Venue-neutral and plain, so the option math can turn it into a quote without
 * knowing any wire format.
 *
 * <p>Units: prices in the quote currency per unit of underlying (one contract = one unit);
 * {@code bid}/{@code ask} 0 means nobody quotes that side; {@code markIv} a fraction (0.55 = 55 %
 * a year); greeks per unit of a long position with vega per volatility point (σ +0.01) and theta
 * per calendar day, converted by the adapter if its venue uses other units.
 *
 * <p>Invariants: {@code bid}, {@code ask}, {@code markPrice} ≥ 0 and, when both sides are quoted,
 * bid ≤ ask; {@code markIv} > 0 when present; {@code underlyingPrice} (the venue's price of the
 * underlying for this expiry, a forward) and {@code indexPrice} (the spot index) > 0 when present.
 */
public record OptionTicker(String symbol, OptionSpec spec, BigDecimal bid, BigDecimal ask, BigDecimal markPrice,
                           Optional<BigDecimal> markIv, Optional<BigDecimal> underlyingPrice,
                           Optional<BigDecimal> indexPrice, Optional<QuotedGreeks> greeks) {

    /** The venue's greeks per unit: vega per volatility point, theta per calendar day. */
    public record QuotedGreeks(BigDecimal delta, BigDecimal gamma, BigDecimal vegaPerVolPoint, BigDecimal thetaPerDay) {
        public QuotedGreeks {
            Objects.requireNonNull(delta, "delta");
            Objects.requireNonNull(gamma, "gamma");
            Objects.requireNonNull(vegaPerVolPoint, "vegaPerVolPoint");
            Objects.requireNonNull(thetaPerDay, "thetaPerDay");
        }
    }

    public OptionTicker {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("option ticker symbol is blank");
        Objects.requireNonNull(spec, "spec");
        nonNegative(symbol, bid, "bid");
        nonNegative(symbol, ask, "ask");
        nonNegative(symbol, markPrice, "markPrice");
        if (bid.signum() > 0 && ask.signum() > 0 && bid.compareTo(ask) > 0) {
            throw new IllegalArgumentException(symbol + ": bid " + bid.toPlainString() + " is above ask " + ask.toPlainString());
        }
        positiveIfPresent(symbol, markIv, "markIv");
        positiveIfPresent(symbol, underlyingPrice, "underlyingPrice");
        positiveIfPresent(symbol, indexPrice, "indexPrice");
        Objects.requireNonNull(greeks, "greeks");
    }

    private static void nonNegative(String symbol, BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() < 0) throw new IllegalArgumentException(symbol + ": " + name + " must be >= 0, got " + v.toPlainString());
    }

    private static void positiveIfPresent(String symbol, Optional<BigDecimal> v, String name) {
        Objects.requireNonNull(v, name);
        if (v.isPresent() && v.get().signum() <= 0) {
            throw new IllegalArgumentException(symbol + ": " + name + " must be > 0 when present, got " + v.get().toPlainString());
        }
    }
}
