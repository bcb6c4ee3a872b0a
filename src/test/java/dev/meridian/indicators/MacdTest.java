package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.ToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

class MacdTest {
    private static final int FAST = 12;
    private static final int SLOW = 26;
    private static final int SIGNAL = 9;

    private static double[] ours(ToDoubleFunction<Macd> read) {
        return EthBars.run(() -> new Macd(FAST, SLOW, SIGNAL), (m, b) -> m.update(b.close()), read);
    }

    /**
     * MACD crosses zero, so a tolerance relative to the value (EthBars.assertMatchesTa4j) would be
     * vanishingly tight at the crossings; this one is absolute, in price units.
     */
    private static void assertWithin(double[] ours, Indicator<Num> reference, int from, double absTol) {
        for (int i = from; i < ours.length; i++) {
            double expected = reference.getValue(i).doubleValue();
            assertThat(Math.abs(ours[i] - expected))
                    .as("bar %d: ours %s, ta4j %s", i, ours[i], expected)
                    .isLessThanOrEqualTo(absTol);
        }
    }

    /**
     * ta4j seeds every EMA with its bar-0 input (the signal with macd(0) = 0) where ours average the
     * first period inputs and the signal starts at bar 25, so early values differ by up to ~0.5
     * (observed from bar 33). The gap then shrinks with the slow EMA, by 25/27 per bar: ≈ 5e-4 per
     * 100 bars (observed max 1.4e-3 from bar 100, 2.9e-10 from bar 300). From bar 400 it is
     * ≈ 0.5·(25/27)^367 ≈ 3e-13, near double rounding at prices of ~1700, so 1e-10 absolute holds with
     * margin (observed max 4.3e-13 for MACD, 3.3e-13 for signal, 2.6e-13 for the histogram).
     */
    @Test
    void matchesTa4jOnRealEthBarsOnceTheSeedHasDecayed() {
        MACDIndicator macd = new MACDIndicator(new ClosePriceIndicator(EthBars.ta4jSeries()), FAST, SLOW);
        assertWithin(ours(Macd::macd), macd, 400, 1e-10);
        assertWithin(ours(Macd::signal), new EMAIndicator(macd, SIGNAL), 400, 1e-10);
        assertWithin(ours(Macd::histogram), macd.getHistogram(SIGNAL), 400, 1e-10);
    }

    @Test
    void noValueDuringWarmup() {
        assertThat(new Macd(FAST, SLOW, SIGNAL).warmupBars()).isEqualTo(SLOW + SIGNAL - 1);
        EthBars.assertWarmup(ours(Macd::macd), SLOW);
        EthBars.assertWarmup(ours(Macd::signal), SLOW + SIGNAL - 1);
        EthBars.assertWarmup(ours(Macd::histogram), SLOW + SIGNAL - 1);
        double[] ready = ours(m -> m.ready() ? 1 : 0);
        assertThat(ready[SLOW + SIGNAL - 3]).isZero();
        assertThat(ready[SLOW + SIGNAL - 2]).isOne();
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new Macd(FAST, SLOW, SIGNAL), (m, b) -> m.update(b.close()), Macd::macd);
        EthBars.assertNoLookAhead(() -> new Macd(FAST, SLOW, SIGNAL), (m, b) -> m.update(b.close()), Macd::signal);
        EthBars.assertNoLookAhead(() -> new Macd(FAST, SLOW, SIGNAL), (m, b) -> m.update(b.close()), Macd::histogram);
    }

    @Test
    void signalStartsFromTheFirstMacdValue() {
        // fast = close; slow EMA(2) seeds at bar 1 with 11 → macd 1; then 7/3, signal seed (1 + 7/3)/2 = 5/3.
        Macd m = new Macd(1, 2, 2);
        m.update(10);
        assertThat(m.macd()).isNaN();
        m.update(12);
        assertThat(m.macd()).isEqualTo(1.0);
        assertThat(m.ready()).isFalse();
        assertThat(m.signal()).isNaN();
        m.update(18);
        assertThat(m.ready()).isTrue();
        assertThat(m.macd()).isCloseTo(7.0 / 3, Offset.offset(1e-12));
        assertThat(m.signal()).isCloseTo(5.0 / 3, Offset.offset(1e-12));
        assertThat(m.histogram()).isCloseTo(2.0 / 3, Offset.offset(1e-12));
        // slow 47/3 → 137/9, macd −2/9; signal 5/3 + (2/3)(−2/9 − 5/3) = 11/27.
        m.update(15);
        assertThat(m.macd()).isCloseTo(-2.0 / 9, Offset.offset(1e-12));
        assertThat(m.signal()).isCloseTo(11.0 / 27, Offset.offset(1e-12));
        assertThat(m.histogram()).isCloseTo(-17.0 / 27, Offset.offset(1e-12));
    }

    @Test
    void rejectsBadPeriods() {
        assertThatThrownBy(() -> new Macd(0, 26, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Macd(26, 26, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Macd(27, 26, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Macd(12, 26, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
