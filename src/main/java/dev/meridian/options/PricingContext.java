package dev.meridian.options;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What pricing a contract needs besides the contract: the underlying price, the time, the
 * underlying's realized volatility (annualised, the fallback when a contract carries no IV) and
 * the continuously compounded rate.
 *
 * <p>Invariants: {@code underlyingPrice} > 0 and finite, {@code realizedVol} ≥ 0 and finite,
 * {@code rate} finite.
 */
public record PricingContext(double underlyingPrice, long nowMs, double realizedVol, double rate) {
    public PricingContext {
        if (!(underlyingPrice > 0) || Double.isInfinite(underlyingPrice)) {
            throw new IllegalArgumentException("underlying price must be > 0 and finite, got " + underlyingPrice);
        }
        if (!(realizedVol >= 0) || Double.isInfinite(realizedVol)) {
            throw new IllegalArgumentException("realized volatility must be >= 0 and finite, got " + realizedVol);
        }
        if (!Double.isFinite(rate)) throw new IllegalArgumentException("rate must be finite, got " + rate);
    }

    /** The chain's time and underlying price. */
    public static PricingContext of(OptionChain chain, double realizedVol, double rate) {
        return new PricingContext(chain.underlyingPrice(), chain.timeMs(), realizedVol, rate);
    }

    /** A contract's greeks with their source. */
    public record SourcedGreeks(Greeks greeks, GreeksSource source) {
        public SourcedGreeks {
            Objects.requireNonNull(greeks, "greeks");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * The contract's greeks per unit: the venue's when it reported them, else Black–Scholes at the
     * mark IV, else at the realized volatility. The venue's figures come first because they are
     * what the venue margins and marks the position by.
     */
    public SourcedGreeks greeks(OptionQuote q) {
        if (q.venueGreeks().isPresent()) return new SourcedGreeks(q.venueGreeks().get(), GreeksSource.VENUE);
        double t = q.yearsToExpiry(nowMs);
        double k = q.strike().doubleValue();
        if (q.markIv().isPresent()) {
            return new SourcedGreeks(BlackScholes.greeks(q.type(), underlyingPrice, k, rate, q.markIv().getAsDouble(), t), GreeksSource.MARK_IV);
        }
        return new SourcedGreeks(BlackScholes.greeks(q.type(), underlyingPrice, k, rate, realizedVol, t), GreeksSource.REALIZED_VOL);
    }

    /**
     * The market's volatility for the contract: its mark IV, else the IV implied by its mark price,
     * else empty (expired, or a mark outside the no-arbitrage bounds of this context's price).
     * Never the realized volatility: this is what IV − RV compares against it.
     */
    public OptionalDouble impliedVol(OptionQuote q) {
        if (q.markIv().isPresent()) return q.markIv();
        double t = q.yearsToExpiry(nowMs);
        if (t <= 0 || q.markPrice().signum() <= 0) return OptionalDouble.empty();
        try {
            return OptionalDouble.of(BlackScholes.impliedVolatility(q.type(), q.markPrice().doubleValue(), underlyingPrice,
                    q.strike().doubleValue(), rate, t));
        } catch (IllegalArgumentException outsideBounds) {
            return OptionalDouble.empty();
        }
    }
}
