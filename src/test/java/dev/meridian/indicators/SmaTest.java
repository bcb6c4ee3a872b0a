package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

class SmaTest {
    private static final int N = 20;

    @Test
    void matchesTa4jOnRealEthBars() {
        double[] ours = EthBars.run(() -> new Sma(N), (s, b) -> s.update(b.close()), Sma::value);
        // Same window, same seed: only double rounding (≈ 5e-16 observed) separates us from DecimalNum.
        EthBars.assertMatchesTa4j(ours, new SMAIndicator(new ClosePriceIndicator(EthBars.ta4jSeries()), N), N - 1, 1e-12);
    }

    @Test
    void noValueDuringWarmup() {
        EthBars.assertWarmup(EthBars.run(() -> new Sma(N), (s, b) -> s.update(b.close()), Sma::value), N);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new Sma(N), (s, b) -> s.update(b.close()), Sma::value);
    }

    @Test
    void flatInputAfterLargeValuesGivesExactlyTheFlatValue() {
        // The sliding update alone would leave rounding residue here; the resync on wrap removes it.
        Sma sma = new Sma(3);
        for (double x : new double[] {1e9, 3.3, 1e-9, 7, 7, 7}) sma.update(x);
        assertThat(sma.value()).isEqualTo(7.0);
    }

    @Test
    void rejectsNonPositivePeriod() {
        assertThatThrownBy(() -> new Sma(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
