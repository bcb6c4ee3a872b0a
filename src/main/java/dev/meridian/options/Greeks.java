package dev.meridian.options;

/**
 * Sensitivities of one long option (or other instrument) per unit of underlying, in
 * Black–Scholes units: {@code vega} per 1.00 of volatility (σ 0.50 → 1.50), {@code theta} per
 * year of calendar time, {@code rho} per 1.00 of rate. {@link #vegaPerVolPoint()} and
 * {@link #thetaPerDay()} give the trader's units. A short position has the negated figures.
 *
 * <p>Invariants: delta, gamma, vega and theta are finite; gamma ≥ 0 and vega ≥ 0 for a
 * long option. {@code rho} is NaN when the source does not report it (venue greeks, see
 * {@link #ofVenue}); nothing in this package sums rho.
 */
public record Greeks(double delta, double gamma, double vega, double theta, double rho) {
    /** Calendar days per year: theta per day is theta per year / 365, as Hull quotes it. */
    public static final double DAYS_PER_YEAR = 365.0;

    /** The greeks of one unit of the underlying itself (spot or perp): delta 1, nothing else. */
    public static final Greeks UNDERLYING = new Greeks(1.0, 0.0, 0.0, 0.0, 0.0);

    public Greeks {
        if (!Double.isFinite(delta) || !Double.isFinite(gamma) || !Double.isFinite(vega) || !Double.isFinite(theta)) {
            throw new IllegalArgumentException("greeks must be finite, got delta " + delta + ", gamma " + gamma
                    + ", vega " + vega + ", theta " + theta);
        }
    }

    /**
     * Greeks as a venue reports them: vega per 1 volatility point (1 %) and theta per day, the
     * convention of Bybit's option tickers. Rho is not reported and is NaN.
     */
    public static Greeks ofVenue(double delta, double gamma, double vegaPerVolPoint, double thetaPerDay) {
        return new Greeks(delta, gamma, vegaPerVolPoint * 100.0, thetaPerDay * DAYS_PER_YEAR, Double.NaN);
    }

    /** Change in value for a 1 volatility-point (0.01) rise in σ. */
    public double vegaPerVolPoint() { return vega / 100.0; }

    /** Change in value over one calendar day with everything else unchanged. */
    public double thetaPerDay() { return theta / DAYS_PER_YEAR; }
}
