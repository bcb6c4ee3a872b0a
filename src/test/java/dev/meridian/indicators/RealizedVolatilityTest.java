package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ta4j.core.indicators.helpers.ClosePriceRatioIndicator;
import org.ta4j.core.indicators.helpers.TransformIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;

class RealizedVolatilityTest {
    private static final int N = 20;

    private static double[] ours() {
        return EthBars.run(() -> new RealizedVolatility(N), (v, b) -> v.update(b.close()), RealizedVolatility::value);
    }

    /**
     * ta4j has no realized-volatility indicator, so the reference is composed from its parts:
     * population σ (StandardDeviationIndicator) of ln(close_i / close_{i−1}). From bar N its window
     * holds N real returns, exactly ours. Log returns are ≈ 1e-3 with σ of the same order, so the
     * only error is double rounding of the log (observed ≤ 1e-13): 1e-10.
     */
    @Test
    void matchesTa4jOnRealEthBars() {
        var logReturns = TransformIndicator.log(new ClosePriceRatioIndicator(EthBars.ta4jSeries()));
        EthBars.assertMatchesTa4j(ours(), new StandardDeviationIndicator(logReturns, N), N, 1e-10);
    }

    @Test
    void noValueDuringWarmupOfPeriodPlusOneBars() {
        assertThat(new RealizedVolatility(N).warmupBars()).isEqualTo(N + 1);
        EthBars.assertWarmup(ours(), N + 1);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new RealizedVolatility(N), (v, b) -> v.update(b.close()), RealizedVolatility::value);
    }

    @Test
    void constantGrowthHasZeroVolatility() {
        RealizedVolatility rv = new RealizedVolatility(2);
        for (double c : new double[] {100, 110, 121, 133.1, 146.41}) rv.update(c);
        assertThat(rv.value()).isLessThan(1e-15);
    }

    @Test
    void rejectsNonPositiveClose() {
        RealizedVolatility rv = new RealizedVolatility(N);
        assertThatThrownBy(() -> rv.update(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rv.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
