package dev.meridian.options;

/**
 * Black–Scholes–Merton for European options on a non-dividend-paying underlying with a
 * continuously compounded rate {@code r}: prices, greeks and implied volatility.
 *
 * <p>Arguments: spot {@code s} > 0, strike {@code k} > 0, finite rate {@code r}, volatility
 * {@code sigma} ≥ 0 per year, time to expiry {@code t} ≥ 0 in years; anything else is an
 * {@link IllegalArgumentException}. Every result is finite, also in the limits:
 * <ul>
 *   <li>{@code σ√t = 0} (at expiry, {@code t = 0}, or no volatility): nothing is uncertain, so
 *   the price is the discounted intrinsic value against the forward, max(S − K·e^(−rt), 0) for a
 *   call and max(K·e^(−rt) − S, 0) for a put (plain intrinsic value at {@code t = 0}); delta is
 *   1 / 0 (call) or −1 / 0 (put) in / out of the money and ±0.5 exactly at the forward, the limit
 *   from σ√t > 0; gamma and vega are 0 (their limit is unbounded exactly at the forward, where 0 is
 *   reported too); theta and rho are those of the certain payoff: for an in-the-money call
 *   theta −rK·e^(−rt) and rho K·t·e^(−rt), 0 out of the money.</li>
 * </ul>
 */
public final class BlackScholes {
    /** Highest volatility {@link #impliedVolatility} searches: 10,000 % per year. */
    public static final double MAX_IMPLIED_VOL = 100.0;
    private static final double VOL_TOLERANCE = 1e-12;
    private static final int MAX_ITERATIONS = 200;

    private BlackScholes() {
    }

    /** European option price. */
    public static double price(OptionType type, double s, double k, double r, double sigma, double t) {
        return of(type, s, k, r, sigma, t).price;
    }

    public static double callPrice(double s, double k, double r, double sigma, double t) {
        return price(OptionType.CALL, s, k, r, sigma, t);
    }

    public static double putPrice(double s, double k, double r, double sigma, double t) {
        return price(OptionType.PUT, s, k, r, sigma, t);
    }

    /** All greeks of one long option, in the units of {@link Greeks}. */
    public static Greeks greeks(OptionType type, double s, double k, double r, double sigma, double t) {
        Terms x = of(type, s, k, r, sigma, t);
        return new Greeks(x.delta, x.gamma, x.vega, x.theta, x.rho);
    }

    /**
     * The volatility at which the Black–Scholes price equals {@code price}.
     *
     * <p>The price must lie within the no-arbitrage bounds, which for a call are
     * max(S − K·e^(−rt), 0) ≤ price &lt; S and for a put max(K·e^(−rt) − S, 0) ≤ price &lt; K·e^(−rt);
     * a price at the lower bound implies 0. Since the price rises strictly with σ, the root is
     * bracketed in [0, {@link #MAX_IMPLIED_VOL}] and found by Newton steps that fall back to
     * bisection whenever a step leaves the bracket, so it converges also where vega is tiny (deep
     * out of the money, short expiries), to about 1e-12 in σ or an exact reprice.
     *
     * @throws IllegalArgumentException when {@code t} ≤ 0 (no time value to read a volatility
     *                                  from), the price is not finite, or outside the bounds, or
     *                                  needs a volatility above {@link #MAX_IMPLIED_VOL}
     */
    public static double impliedVolatility(OptionType type, double price, double s, double k, double r, double t) {
        checkInputs(type, s, k, r, 0.0, t);
        if (!(t > 0)) throw new IllegalArgumentException("implied volatility needs time to expiry > 0, got " + t);
        if (!Double.isFinite(price)) throw new IllegalArgumentException("option price must be finite, got " + price);
        double discountedStrike = k * Math.exp(-r * t);
        double lower = type == OptionType.CALL ? Math.max(s - discountedStrike, 0.0) : Math.max(discountedStrike - s, 0.0);
        double upper = type == OptionType.CALL ? s : discountedStrike;
        if (price < lower || price >= upper) {
            throw new IllegalArgumentException("a " + type + " price of " + price + " (S " + s + ", K " + k + ", r " + r
                    + ", t " + t + ") is outside the no-arbitrage bounds [" + lower + ", " + upper + ")");
        }
        if (price == lower) return 0.0;
        double lo = 0.0;
        double hi = MAX_IMPLIED_VOL;
        if (price(type, s, k, r, hi, t) < price) {
            throw new IllegalArgumentException("a " + type + " price of " + price + " (S " + s + ", K " + k + ", r " + r
                    + ", t " + t + ") implies a volatility above " + MAX_IMPLIED_VOL);
        }
        // At-the-money approximation price ≈ 0.4·S·σ·√t as a start: close for the usual cases,
        // and a bad start only costs bisection steps.
        double sigma = clamp(price / (0.4 * s * Math.sqrt(t)), 1e-4, 5.0);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            Terms x = of(type, s, k, r, sigma, t);
            double diff = x.price - price;
            if (diff == 0.0) return sigma;
            if (diff > 0) hi = sigma; else lo = sigma;
            if (hi - lo < VOL_TOLERANCE) return 0.5 * (lo + hi);
            double next = x.vega > 0 ? sigma - diff / x.vega : Double.NaN;
            sigma = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }
        return sigma;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static void checkInputs(OptionType type, double s, double k, double r, double sigma, double t) {
        if (type == null) throw new IllegalArgumentException("option type is missing");
        if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("spot must be positive and finite, got " + s);
        if (!(k > 0) || Double.isInfinite(k)) throw new IllegalArgumentException("strike must be positive and finite, got " + k);
        if (!Double.isFinite(r)) throw new IllegalArgumentException("rate must be finite, got " + r);
        if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("volatility must be >= 0 and finite, got " + sigma);
        if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("time to expiry must be >= 0 and finite, got " + t);
    }

    private static Terms of(OptionType type, double s, double k, double r, double sigma, double t) {
        checkInputs(type, s, k, r, sigma, t);
        boolean call = type == OptionType.CALL;
        double discount = Math.exp(-r * t);
        double stdDev = sigma * Math.sqrt(t);
        if (stdDev == 0.0) return deterministic(call, s, k, r, t, discount);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / stdDev;
        double d2 = d1 - stdDev;
        double density = StandardNormal.pdf(d1);
        double gamma = density / (s * stdDev);
        double vega = s * density * Math.sqrt(t);
        double timeDecay = -s * density * sigma / (2.0 * Math.sqrt(t));
        if (call) {
            double nd1 = StandardNormal.cdf(d1);
            double nd2 = StandardNormal.cdf(d2);
            // Clamped at 0: for deep out-of-the-money options the difference of two nearly equal terms
            // can round below zero.
            double price = Math.max(s * nd1 - k * discount * nd2, 0.0);
            return new Terms(price, nd1, gamma, vega, timeDecay - r * k * discount * nd2, k * t * discount * nd2);
        }
        double nMinusD1 = StandardNormal.cdf(-d1);
        double nMinusD2 = StandardNormal.cdf(-d2);
        double price = Math.max(k * discount * nMinusD2 - s * nMinusD1, 0.0);
        return new Terms(price, -nMinusD1, gamma, vega, timeDecay + r * k * discount * nMinusD2, -k * t * discount * nMinusD2);
    }

    /**
     * No uncertainty left (σ√t = 0): the payoff is known now, so the option is worth its
     * discounted intrinsic value against the forward and is either surely exercised or surely not.
     */
    private static Terms deterministic(boolean call, double s, double k, double r, double t, double discount) {
        double moneyness = s - k * discount;
        // Exactly at the forward the option is exercised with probability ½ in the limit σ√t → 0.
        double exercised = moneyness > 0 ? (call ? 1.0 : 0.0) : moneyness < 0 ? (call ? 0.0 : 1.0) : 0.5;
        if (call) {
            return new Terms(Math.max(moneyness, 0.0), exercised, 0, 0, -r * k * discount * exercised, k * t * discount * exercised);
        }
        return new Terms(Math.max(-moneyness, 0.0), -exercised, 0, 0, r * k * discount * exercised, -k * t * discount * exercised);
    }

    private record Terms(double price, double delta, double gamma, double vega, double theta, double rho) {
    }
}
