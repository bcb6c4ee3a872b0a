package dev.meridian.options;

import dev.meridian.indicators.RealizedVolatility;

/**
 * The underlying's realized volatility that prices the synthetic chain: close-to-close over the
 * last day of strategy bars ({@link #WINDOW_SEC}), annualised. A shorter window makes the model's
 * volatility (and so its option values) jump from bar to bar, which a package would book as profit
 * or loss that no market paid. The backtest and the running strategy both use this class, fed
 * every bar of the strategy timeframe (warm-up bars too), so they price the same chain.
 */
public final class UnderlyingVolatility {
    /** The window, a day. */
    public static final int WINDOW_SEC = 86_400;

    private final RealizedVolatility rv;
    private final double annualise;

    public UnderlyingVolatility(int strategyTimeframeSec) {
        this.rv = new RealizedVolatility(Math.max(2, WINDOW_SEC / strategyTimeframeSec));
        this.annualise = Math.sqrt(365.0 * 86_400 / strategyTimeframeSec);
    }

    public void update(double close) { rv.update(close); }

    public boolean ready() { return rv.ready(); }

    /** Annualised; NaN until {@link #ready()}. */
    public double annualised() { return rv.value() * annualise; }
}
