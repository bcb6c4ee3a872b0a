package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelMiddleIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;

class DonchianTest {
    private static final int N = 20;

    private static double[] ours(int period, ToDoubleFunction<Donchian> read) {
        return EthBars.run(() -> new Donchian(period), (d, b) -> d.update(b.high(), b.low()), read);
    }

    /** Max and min pick existing prices, so they must be exact; the midpoint is one addition and halving. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 20, 55})
    void matchesTa4jOnRealEthBars(int period) {
        BarSeries series = EthBars.ta4jSeries();
        EthBars.assertMatchesTa4j(ours(period, Donchian::upper), new DonchianChannelUpperIndicator(series, period), period - 1, 0);
        EthBars.assertMatchesTa4j(ours(period, Donchian::lower), new DonchianChannelLowerIndicator(series, period), period - 1, 0);
        EthBars.assertMatchesTa4j(ours(period, Donchian::middle), new DonchianChannelMiddleIndicator(series, period), period - 1, 1e-15);
    }

    @Test
    void noValueDuringWarmup() {
        EthBars.assertWarmup(ours(N, Donchian::upper), N);
        EthBars.assertWarmup(ours(N, Donchian::lower), N);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new Donchian(N), (d, b) -> d.update(b.high(), b.low()), Donchian::upper);
        EthBars.assertNoLookAhead(() -> new Donchian(N), (d, b) -> d.update(b.high(), b.low()), Donchian::lower);
    }

    @Test
    void extremesLeaveTheWindowAfterPeriodBars() {
        Donchian d = new Donchian(3);
        d.update(10, 1);
        d.update(5, 4);
        d.update(5, 4);
        assertThat(d.upper()).isEqualTo(10.0);
        assertThat(d.lower()).isEqualTo(1.0);
        d.update(6, 3);
        assertThat(d.upper()).isEqualTo(6.0);
        assertThat(d.lower()).isEqualTo(3.0);
    }
}
