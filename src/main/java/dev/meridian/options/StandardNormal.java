package dev.meridian.options;

/**
 * The standard normal distribution: density {@link #pdf}, distribution function {@link #cdf} and
 * the complementary error function {@link #erfc} it is built on.
 *
 * <p>{@code erfc} follows W. J. Cody, "Rational Chebyshev approximations for the error function",
 * Math. Comp. 23 (1969): three rational approximations on |x| ≤ 0.46875, ≤ 4 and beyond, with
 * Cody's published coefficients. The error is a few ulps, absolute and relative, so {@code cdf}
 * stays accurate deep in the lower tail (Φ(−8) ≈ 6.2e-16 to about 1e-14 relative), which a
 * formula of the form {@code 1 − something} cannot do. That tail accuracy matters for deep
 * out-of-the-money option prices and for implied volatility, which divides by them.
 */
public final class StandardNormal {
    private static final double SQRT_2 = Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);

    // Cody (1969), erf on |x| <= 0.46875.
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
            3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
            2.84423683343917062e03};
    // Cody (1969), erfc on 0.46875 < |x| <= 4.
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
            2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
            1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
            1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
            1.23033935480374942e03};
    // Cody (1969), erfc on |x| > 4, as a series in 1/x².
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
            1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
            6.05183413124413191e-2, 2.33520497626869185e-3};
    /** Beyond this erfc(x) underflows to 0 in double precision. */
    private static final double ERFC_UNDERFLOW = 26.6;

    private StandardNormal() {
    }

    /** φ(x) = e^(−x²/2) / √(2π); 0 at ±∞. */
    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Φ(x) = P(Z ≤ x) = erfc(−x/√2) / 2; exactly 0 and 1 at −∞ and +∞, NaN for NaN. */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT_2);
    }

    /** erfc(x) = 1 − erf(x), in [0, 2]. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        double y = Math.abs(x);
        if (y <= 0.46875) {
            double z = y * y;
            double num = A[4] * z;
            double den = z;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * z;
                den = (den + B[i]) * z;
            }
            return 1.0 - x * (num + A[3]) / (den + B[3]);
        }
        double r;
        if (y >= ERFC_UNDERFLOW) {
            r = 0.0;
        } else if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = expMinusSquare(y) * (num + C[7]) / (den + D[7]);
        } else {
            double z = 1.0 / (y * y);
            double num = P[5] * z;
            double den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            double tail = z * (num + P[4]) / (den + Q[4]);
            r = expMinusSquare(y) * (INV_SQRT_PI - tail) / y;
        }
        return x < 0 ? 2.0 - r : r;
    }

    /**
     * e^(−y²) without the rounding error of squaring y: y² is split as z² + (y − z)(y + z) with z
     * y truncated to 1/16, whose square is exact, as Cody does. Without it the relative error of
     * erfc grows with y² × ulp.
     */
    private static double expMinusSquare(double y) {
        double z = Math.floor(y * 16.0) / 16.0;
        double d = (y - z) * (y + z);
        return Math.exp(-z * z) * Math.exp(-d);
    }
}
