package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;

class BollingerBandsTest {
    private static final int N = 20;
    private static final double K = 2.0;

    private static double[] ours(java.util.function.ToDoubleFunction<BollingerBands> read) {
        return EthBars.run(() -> new BollingerBands(N, K), (bb, b) -> bb.update(b.close()), read);
    }

    /**
     * Same window and population σ as ta4j, so only rounding differs. The bands carry the price's
     * rounding (1e-12). σ and the width are differences of prices ≈ 1650 that vary by ≈ 1 within a
     * window, so double rounding is magnified by mean/σ ≈ 10³ (observed ≤ 8e-13): 1e-10.
     */
    @Test
    void matchesTa4jOnRealEthBars() {
        BarSeries series = EthBars.ta4jSeries();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, N));
        var sigma = new StandardDeviationIndicator(close, N);
        var upper = new BollingerBandsUpperIndicator(middle, sigma, series.numOf(K));
        var lower = new BollingerBandsLowerIndicator(middle, sigma, series.numOf(K));
        EthBars.assertMatchesTa4j(ours(BollingerBands::middle), middle, N - 1, 1e-12);
        EthBars.assertMatchesTa4j(ours(BollingerBands::upper), upper, N - 1, 1e-12);
        EthBars.assertMatchesTa4j(ours(BollingerBands::lower), lower, N - 1, 1e-12);
        EthBars.assertMatchesTa4j(ours(BollingerBands::stdDev), sigma, N - 1, 1e-10);
        // ta4j's width is in percent of the middle band; ours is a fraction.
        EthBars.assertMatchesTa4j(ours(bb -> 100 * bb.bandwidth()),
                new BollingerBandWidthIndicator(upper, middle, lower), N - 1, 1e-10);
    }

    @Test
    void noValueDuringWarmup() {
        EthBars.assertWarmup(ours(BollingerBands::upper), N);
        EthBars.assertWarmup(ours(BollingerBands::bandwidth), N);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new BollingerBands(N, K), (bb, b) -> bb.update(b.close()), BollingerBands::upper);
        EthBars.assertNoLookAhead(() -> new BollingerBands(N, K), (bb, b) -> bb.update(b.close()), BollingerBands::bandwidth);
    }

    @Test
    void flatWindowHasZeroWidthOnceTheWindowHasWrapped() {
        BollingerBands bb = new BollingerBands(4, K);
        for (double x : new double[] {1500, 1700, 1600.1, 1600, 1600, 1600, 1600, 1600}) bb.update(x);
        assertThat(bb.stdDev()).isZero();
        assertThat(bb.upper()).isEqualTo(bb.lower()).isEqualTo(1600.0);
        assertThat(bb.bandwidth()).isZero();
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new BollingerBands(1, K)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BollingerBands(N, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BollingerBands(N, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
