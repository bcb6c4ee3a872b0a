package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.volume.VWAPIndicator;

class VwapTest {
    private static final int N = 20;

    private static double[] ours(int period) {
        return EthBars.run(() -> new Vwap(period), (v, b) -> v.update(b.high(), b.low(), b.close(), b.volume()), Vwap::value);
    }

    /**
     * Same window and typical price as ta4j, no seed: only the summation order and double rounding
     * differ, by a few ulps per term summed: observed max |ours − ta4j| 4.5e-13 for periods 1 and 2,
     * 1.1e-12 for 20 and 2.5e-12 for 100, i.e. ≤ 1.5e-15 relative at prices of ~1700, so 1e-14
     * relative.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 14, 20, 100})
    void matchesTa4jOnRealEthBars(int period) {
        EthBars.assertMatchesTa4j(ours(period), new VWAPIndicator(EthBars.ta4jSeries(), period), period - 1, 1e-14);
    }

    @Test
    void noValueDuringWarmup() {
        assertThat(new Vwap(N).warmupBars()).isEqualTo(N);
        EthBars.assertWarmup(ours(N), N);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new Vwap(N), (v, b) -> v.update(b.high(), b.low(), b.close(), b.volume()), Vwap::value);
        EthBars.assertNoLookAhead(() -> new Vwap(7), (v, b) -> v.update(b.high(), b.low(), b.close(), b.volume()), Vwap::value);
    }

    @Test
    void windowWithoutVolumeGivesTheMeanTypicalPrice() {
        Vwap vwap = new Vwap(3);
        vwap.update(12, 6, 9, 5);
        vwap.update(30, 30, 30, 0);
        vwap.update(31, 31, 31, 0);
        assertThat(vwap.value()).isEqualTo(9.0);
        vwap.update(32, 32, 32, 0);
        assertThat(vwap.value()).isEqualTo(31.0);
        vwap.update(40, 40, 40, 2);
        assertThat(vwap.value()).isEqualTo(40.0);
    }

    @Test
    void aVolumeSpikeLeavesNoResidueOnceOutOfTheWindow() {
        // Subtracting 1e15 · 1000 from a running sum would leave rounding of order 1 against sums of 1e-1.
        Vwap vwap = new Vwap(3);
        vwap.update(1000, 1000, 1000, 1e15);
        for (double price : new double[] {50, 51, 52, 53, 54}) {
            vwap.update(price, price, price, 1e-3);
        }
        assertThat(vwap.value()).isCloseTo(53.0, Offset.offset(1e-12));
    }

    @Test
    void weightsByVolume() {
        Vwap vwap = new Vwap(2);
        vwap.update(10, 10, 10, 1);
        vwap.update(20, 20, 20, 3);
        assertThat(vwap.value()).isCloseTo(17.5, Offset.offset(1e-12));
        vwap.update(40, 40, 40, 1);
        assertThat(vwap.value()).isCloseTo(25.0, Offset.offset(1e-12));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Vwap(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Vwap(3).update(1, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Vwap(3).update(1, 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
