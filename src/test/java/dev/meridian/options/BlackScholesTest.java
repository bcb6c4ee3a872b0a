package dev.meridian.options;

import static dev.meridian.options.OptionType.CALL;
import static dev.meridian.options.OptionType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BlackScholesTest {
    /** Hull, Options, Futures, and Other Derivatives, Example 15.6 (S 42, K 40, r 10 %, σ 20 %, six months). */
    @Test
    void hullPricesCallAndPut() {
        assertThat(BlackScholes.callPrice(42, 40, 0.10, 0.20, 0.5)).isCloseTo(4.76, within(0.005));
        assertThat(BlackScholes.putPrice(42, 40, 0.10, 0.20, 0.5)).isCloseTo(0.81, within(0.005));
    }

    /**
     * Hull's running greek example (chapter "The Greek Letters"): S 49, K 50, r 5 %, σ 20 %,
     * 20 weeks (0.3846 years). Published to the digits asserted; tolerance is half the last digit.
     */
    @Test
    void hullGreeksOfTheCall() {
        Greeks g = BlackScholes.greeks(CALL, 49, 50, 0.05, 0.20, 0.3846);
        assertThat(g.delta()).isCloseTo(0.522, within(0.0005));
        assertThat(g.gamma()).isCloseTo(0.066, within(0.0005));
        assertThat(g.vega()).isCloseTo(12.1, within(0.05));
        assertThat(g.vegaPerVolPoint()).isCloseTo(0.121, within(0.0005));
        assertThat(g.theta()).isCloseTo(-4.31, within(0.005));
        assertThat(g.thetaPerDay()).isCloseTo(-0.0118, within(0.00005));
        assertThat(g.rho()).isCloseTo(8.91, within(0.005));
    }

    @Test
    void putGreeksRelateToTheCallsByParity() {
        Greeks call = BlackScholes.greeks(CALL, 49, 50, 0.05, 0.20, 0.3846);
        Greeks put = BlackScholes.greeks(PUT, 49, 50, 0.05, 0.20, 0.3846);
        double discountedStrike = 50 * Math.exp(-0.05 * 0.3846);
        assertThat(put.delta()).isCloseTo(call.delta() - 1, within(1e-12));
        assertThat(put.gamma()).isCloseTo(call.gamma(), within(1e-12));
        assertThat(put.vega()).isCloseTo(call.vega(), within(1e-12));
        assertThat(put.theta()).isCloseTo(call.theta() + 0.05 * discountedStrike, within(1e-10));
        assertThat(put.rho()).isCloseTo(call.rho() - 0.3846 * discountedStrike, within(1e-10));
    }

    @Test
    void putCallParityOnRandomInputs() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 5000; i++) {
            double s = 1 + rnd.nextDouble() * 100_000;
            double k = s * (0.3 + rnd.nextDouble() * 1.7);
            double r = -0.02 + rnd.nextDouble() * 0.12;
            double sigma = rnd.nextDouble() * 3;
            double t = rnd.nextDouble() * 3;
            double c = BlackScholes.callPrice(s, k, r, sigma, t);
            double p = BlackScholes.putPrice(s, k, r, sigma, t);
            assertThat(c - p).as("C − P at S %s K %s r %s σ %s t %s", s, k, r, sigma, t)
                    .isCloseTo(s - k * Math.exp(-r * t), within(1e-10 * Math.max(s, k)));
        }
    }

    /** The closed-form greeks are the derivatives of the price: central differences agree. */
    @Test
    void greeksAreThePricesDerivatives() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int i = 0; i < 500; i++) {
            OptionType type = rnd.nextBoolean() ? CALL : PUT;
            double s = 100;
            double k = s * (0.7 + rnd.nextDouble() * 0.6);
            double r = rnd.nextDouble() * 0.08;
            double sigma = 0.1 + rnd.nextDouble();
            double t = 0.05 + rnd.nextDouble() * 2;
            Greeks g = BlackScholes.greeks(type, s, k, r, sigma, t);
            double hs = 1e-3;
            double hv = 1e-5;
            assertThat(g.delta()).isCloseTo((price(type, s + hs, k, r, sigma, t) - price(type, s - hs, k, r, sigma, t)) / (2 * hs), within(1e-7));
            assertThat(g.gamma()).isCloseTo((price(type, s + hs, k, r, sigma, t) - 2 * price(type, s, k, r, sigma, t)
                    + price(type, s - hs, k, r, sigma, t)) / (hs * hs), within(1e-4));
            assertThat(g.vega()).isCloseTo((price(type, s, k, r, sigma + hv, t) - price(type, s, k, r, sigma - hv, t)) / (2 * hv), within(1e-5));
            // Theta is the change as calendar time passes, i.e. as t falls.
            assertThat(g.theta()).isCloseTo(-(price(type, s, k, r, sigma, t + hv) - price(type, s, k, r, sigma, t - hv)) / (2 * hv), within(1e-4));
            assertThat(g.rho()).isCloseTo((price(type, s, k, r + hv, sigma, t) - price(type, s, k, r - hv, sigma, t)) / (2 * hv), within(1e-4));
        }
    }

    @Test
    void impliedVolatilityRoundTrips() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int i = 0; i < 3000; i++) {
            OptionType type = rnd.nextBoolean() ? CALL : PUT;
            double s = 10 + rnd.nextDouble() * 100_000;
            double k = s * (0.5 + rnd.nextDouble());
            double r = rnd.nextDouble() * 0.08;
            double sigma = 0.02 + rnd.nextDouble() * 2.5;
            double t = 1.0 / 365 + rnd.nextDouble() * 2;
            double price = BlackScholes.price(type, s, k, r, sigma, t);
            double lower = type == CALL ? Math.max(s - k * Math.exp(-r * t), 0) : Math.max(k * Math.exp(-r * t) - s, 0);
            // Where the time value is lost in the rounding of the price the volatility is not recoverable.
            if (price - lower < 1e-9 * s) continue;
            double iv = BlackScholes.impliedVolatility(type, price, s, k, r, t);
            assertThat(BlackScholes.price(type, s, k, r, iv, t) - price).isCloseTo(0, within(1e-9 * s));
            double vega = BlackScholes.greeks(type, s, k, r, sigma, t).vega();
            if (vega > 1e-3 * s) assertThat(iv).as("σ from %s %s", type, price).isCloseTo(sigma, within(1e-8));
        }
    }

    @Test
    void impliedVolatilityOfDeepOutOfTheMoneyAndShortDatedOptions() {
        double price = BlackScholes.callPrice(100, 160, 0.0, 0.5, 0.1);
        assertThat(BlackScholes.impliedVolatility(CALL, price, 100, 160, 0.0, 0.1)).isCloseTo(0.5, within(1e-8));
        double oneHour = 1.0 / (365 * 24);
        price = BlackScholes.putPrice(60_000, 59_500, 0.0, 0.8, oneHour);
        assertThat(BlackScholes.impliedVolatility(PUT, price, 60_000, 59_500, 0.0, oneHour)).isCloseTo(0.8, within(1e-8));
    }

    @Test
    void impliedVolatilityRefusesPricesOutsideTheNoArbitrageBounds() {
        assertThatThrownBy(() -> BlackScholes.impliedVolatility(CALL, 42.0, 42, 40, 0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the no-arbitrage bounds");
        assertThatThrownBy(() -> BlackScholes.impliedVolatility(CALL, 3.0, 42, 40, 0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the no-arbitrage bounds");
        assertThatThrownBy(() -> BlackScholes.impliedVolatility(PUT, 40.0, 42, 40, 0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the no-arbitrage bounds");
        assertThatThrownBy(() -> BlackScholes.impliedVolatility(PUT, -0.01, 42, 40, 0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the no-arbitrage bounds");
        assertThatThrownBy(() -> BlackScholes.impliedVolatility(CALL, 2.0, 42, 40, 0.1, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time to expiry > 0");
        assertThatThrownBy(() -> BlackScholes.impliedVolatility(CALL, Double.NaN, 42, 40, 0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        // At the lower bound the option has no time value: zero volatility.
        assertThat(BlackScholes.impliedVolatility(PUT, 0.0, 42, 40, 0.1, 0.5)).isZero();
    }

    @Test
    void atExpiryTheOptionIsItsIntrinsicValue() {
        for (double s : new double[] {90, 100, 110}) {
            Greeks call = BlackScholes.greeks(CALL, s, 100, 0.05, 0.6, 0.0);
            Greeks put = BlackScholes.greeks(PUT, s, 100, 0.05, 0.6, 0.0);
            assertThat(BlackScholes.callPrice(s, 100, 0.05, 0.6, 0.0)).isEqualTo(Math.max(s - 100, 0));
            assertThat(BlackScholes.putPrice(s, 100, 0.05, 0.6, 0.0)).isEqualTo(Math.max(100 - s, 0));
            assertThat(call.delta()).isEqualTo(s > 100 ? 1.0 : s < 100 ? 0.0 : 0.5);
            assertThat(put.delta()).isEqualTo(s > 100 ? 0.0 : s < 100 ? -1.0 : -0.5);
            assertThat(call.gamma()).isZero();
            assertThat(call.vega()).isZero();
            assertThat(call.rho()).isZero();
        }
    }

    @Test
    void withoutVolatilityTheOptionIsItsDiscountedIntrinsicValueAgainstTheForward() {
        double r = 0.05;
        double t = 0.5;
        double forwardStrike = 100 * Math.exp(-r * t);
        for (double s : new double[] {90, 99, 100, 110}) {
            assertThat(BlackScholes.callPrice(s, 100, r, 0.0, t)).isCloseTo(Math.max(s - forwardStrike, 0), within(1e-12));
            assertThat(BlackScholes.putPrice(s, 100, r, 0.0, t)).isCloseTo(Math.max(forwardStrike - s, 0), within(1e-12));
            // Continuous as σ → 0.
            assertThat(BlackScholes.callPrice(s, 100, r, 1e-9, t)).isCloseTo(BlackScholes.callPrice(s, 100, r, 0.0, t), within(1e-9));
            Greeks g = BlackScholes.greeks(CALL, s, 100, r, 0.0, t);
            assertThat(g.delta()).isEqualTo(s > forwardStrike ? 1.0 : 0.0);
            assertThat(g.theta()).isCloseTo(s > forwardStrike ? -r * forwardStrike : 0.0, within(1e-12));
            Greeks tiny = BlackScholes.greeks(PUT, s, 100, r, 1e-12, 1e-12);
            assertThat(new double[] {tiny.delta(), tiny.gamma(), tiny.vega(), tiny.theta(), tiny.rho()}).doesNotContain(Double.NaN);
        }
    }

    @Test
    void rejectsInvalidInputs() {
        assertThatThrownBy(() -> BlackScholes.callPrice(0, 100, 0, 0.5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spot");
        assertThatThrownBy(() -> BlackScholes.callPrice(100, -1, 0, 0.5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strike");
        assertThatThrownBy(() -> BlackScholes.callPrice(100, 100, 0, -0.5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volatility");
        assertThatThrownBy(() -> BlackScholes.callPrice(100, 100, 0, 0.5, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time to expiry");
        assertThatThrownBy(() -> BlackScholes.callPrice(100, 100, Double.NaN, 0.5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    }

    private static double price(OptionType type, double s, double k, double r, double sigma, double t) {
        return BlackScholes.price(type, s, k, r, sigma, t);
    }
}
