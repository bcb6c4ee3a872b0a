package dev.meridian.options;

/** Where a contract's greeks came from, in the order {@link PricingContext#greeks} prefers them. */
public enum GreeksSource {
    /** The exchange's own figures. */
    VENUE,
    /** Black–Scholes at the contract's mark implied volatility. */
    MARK_IV,
    /** Black–Scholes at the underlying's realized volatility: no option market information at all. */
    REALIZED_VOL
}
