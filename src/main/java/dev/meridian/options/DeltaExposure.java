package dev.meridian.options;

/**
 * A position's directional exposure: its net delta in units of {@code underlying} and that
 * underlying's price. Their product {@link #deltaUsd()} ("delta dollars") is the USD notional of
 * underlying the position moves like: a 1 % rise of the price changes its value by about 1 % of it.
 *
 * <p>Invariants: underlying non-blank, delta finite, price > 0 and finite.
 */
public record DeltaExposure(String underlying, double delta, double underlyingPrice) {
    public DeltaExposure {
        if (underlying == null || underlying.isBlank()) throw new IllegalArgumentException("exposure underlying is blank");
        if (!Double.isFinite(delta)) throw new IllegalArgumentException(underlying + ": delta must be finite, got " + delta);
        if (!(underlyingPrice > 0) || Double.isInfinite(underlyingPrice)) {
            throw new IllegalArgumentException(underlying + ": underlying price must be > 0 and finite, got " + underlyingPrice);
        }
    }

    /** Delta × price, signed: the USD notional of underlying the position moves like. */
    public double deltaUsd() { return delta * underlyingPrice; }
}
