package dev.meridian.options;

/** The right an option contract gives its holder: to buy (CALL) or to sell (PUT) the underlying at the strike. */
public enum OptionType {
    CALL, PUT;

    /** CALL for {@code true}, as {@link dev.meridian.core.Instrument.OptionSpec#call()} encodes it. */
    public static OptionType of(boolean call) { return call ? CALL : PUT; }

    /** The holder's value at expiry per unit of underlying: max(S − K, 0) for a call, max(K − S, 0) for a put. */
    public double intrinsic(double underlyingPrice, double strike) {
        return Math.max(this == CALL ? underlyingPrice - strike : strike - underlyingPrice, 0.0);
    }
}
