package dev.meridian.options;

import dev.meridian.core.Instrument.OptionSpec;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One option contract of a chain as quoted at one moment. Prices are in the quote currency
 * (USD/USDC) per unit of underlying, as Bybit quotes its options; a package's premium is price ×
 * quantity.
 *
 * <p>Invariants: symbol and underlying are non-blank; {@code expiryMs} > 0; {@code strike} > 0;
 * {@code bid}, {@code ask} and {@code markPrice} are ≥ 0, where a zero bid or ask means nobody is
 * quoting that side (the contract cannot be sold / bought at a price); when both sides are quoted
 * {@code bid ≤ ask}. {@code markIv} is a fraction (0.55 = 55 % a year), finite and > 0 when present.
 * {@code venueGreeks} are the exchange's figures when it reports them. {@code synthetic} is true
 * for contracts this program made up ({@link SyntheticChain}), which no exchange quoted; reports
 * must label anything built from them as synthetic.
 */
public record OptionQuote(String symbol, String underlying, long expiryMs, BigDecimal strike, OptionType type,
                          BigDecimal bid, BigDecimal ask, BigDecimal markPrice, OptionalDouble markIv,
                          Optional<Greeks> venueGreeks, boolean synthetic) {
    static final double MS_PER_YEAR = Greeks.DAYS_PER_YEAR * 86_400_000.0;
    static final double MS_PER_DAY = 86_400_000.0;

    public OptionQuote {
        requireText(symbol, "symbol");
        requireText(underlying, "underlying");
        if (expiryMs <= 0) throw new IllegalArgumentException(symbol + ": expiryMs must be > 0, got " + expiryMs);
        Objects.requireNonNull(strike, "strike");
        if (strike.signum() <= 0) throw new IllegalArgumentException(symbol + ": strike must be > 0, got " + strike.toPlainString());
        Objects.requireNonNull(type, "type");
        requireNonNegative(symbol, bid, "bid");
        requireNonNegative(symbol, ask, "ask");
        requireNonNegative(symbol, markPrice, "markPrice");
        if (bid.signum() > 0 && ask.signum() > 0 && bid.compareTo(ask) > 0) {
            throw new IllegalArgumentException(symbol + ": bid " + bid.toPlainString() + " is above ask " + ask.toPlainString());
        }
        Objects.requireNonNull(markIv, "markIv");
        if (markIv.isPresent() && !(markIv.getAsDouble() > 0 && Double.isFinite(markIv.getAsDouble()))) {
            throw new IllegalArgumentException(symbol + ": markIv must be > 0 and finite, got " + markIv.getAsDouble());
        }
        Objects.requireNonNull(venueGreeks, "venueGreeks");
    }

    /** A contract an exchange quoted; its terms come from the parsed symbol ({@code OptionSymbol.parse}). */
    public static OptionQuote quoted(String symbol, OptionSpec spec, BigDecimal bid, BigDecimal ask, BigDecimal markPrice,
                                     OptionalDouble markIv, Optional<Greeks> venueGreeks) {
        return new OptionQuote(symbol, spec.underlying(), spec.expiryMs(), spec.strike(), OptionType.of(spec.call()),
                bid, ask, markPrice, markIv, venueGreeks, false);
    }

    /** Someone is bidding: the contract can be sold at {@link #bid}. */
    public boolean hasBid() { return bid.signum() > 0; }

    /** Someone is offering: the contract can be bought at {@link #ask}. */
    public boolean hasAsk() { return ask.signum() > 0; }

    /** Years to expiry from {@code nowMs} (calendar time, 365-day years), 0 once expired. */
    public double yearsToExpiry(long nowMs) { return Math.max(expiryMs - nowMs, 0) / MS_PER_YEAR; }

    /** Calendar days to expiry from {@code nowMs}, fractional, 0 once expired. */
    public double daysToExpiry(long nowMs) { return Math.max(expiryMs - nowMs, 0) / MS_PER_DAY; }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("option quote " + name + " is blank");
    }

    private static void requireNonNegative(String symbol, BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) throw new IllegalArgumentException(symbol + ": " + name + " must be >= 0, got " + value.toPlainString());
    }
}
