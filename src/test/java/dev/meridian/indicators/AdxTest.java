package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;

class AdxTest {
    private static final int N = 14;

    private static double[] ours(ToDoubleFunction<Adx> read) {
        return EthBars.run(() -> new Adx(N), (a, b) -> a.update(b.high(), b.low(), b.close()), read);
    }

    /**
     * ta4j seeds every MMA with bar 0 (+DM = −DM = 0, TR = high − low) where we average the first 14
     * values, so early values differ by O(1). The DI gap then shrinks by 13/14 per bar; ADX smooths
     * DX a second time, so its gap is bounded by about k·(13/14)^k after k bars. From bar 400
     * (k ≈ 372 past ADX's first value) that is ≈ 4e-10 of the initial gap, so 1e-9 relative holds
     * with room for rounding (observed ≤ 5e-12 for ADX and ≤ 2e-13 for the DIs).
     */
    @Test
    void matchesTa4jOnRealEthBarsOnceTheSeedHasDecayed() {
        BarSeries series = EthBars.ta4jSeries();
        EthBars.assertMatchesTa4j(ours(Adx::value), new ADXIndicator(series, N), 400, 1e-9);
        EthBars.assertMatchesTa4j(ours(Adx::plusDi), new PlusDIIndicator(series, N), 400, 1e-9);
        EthBars.assertMatchesTa4j(ours(Adx::minusDi), new MinusDIIndicator(series, N), 400, 1e-9);
    }

    @Test
    void noValueDuringWarmup() {
        assertThat(new Adx(N).warmupBars()).isEqualTo(2 * N);
        EthBars.assertWarmup(ours(Adx::plusDi), N + 1);
        EthBars.assertWarmup(ours(Adx::minusDi), N + 1);
        EthBars.assertWarmup(ours(Adx::value), 2 * N);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new Adx(N), (a, b) -> a.update(b.high(), b.low(), b.close()), Adx::value);
        EthBars.assertNoLookAhead(() -> new Adx(N), (a, b) -> a.update(b.high(), b.low(), b.close()), Adx::plusDi);
        EthBars.assertNoLookAhead(() -> new Adx(N), (a, b) -> a.update(b.high(), b.low(), b.close()), Adx::minusDi);
    }

    @Test
    void cleanUptrendHasFullDirectionalStrength() {
        // Every bar a higher high and a higher low: +DM > 0, −DM = 0 → −DI = 0, DX = ADX = 100.
        Adx adx = new Adx(3);
        for (int i = 0; i < 6; i++) adx.update(101 + i, 99 + i, 100 + i);
        assertThat(adx.ready()).isTrue();
        assertThat(adx.minusDi()).isZero();
        assertThat(adx.plusDi()).isGreaterThan(0);
        assertThat(adx.value()).isEqualTo(100.0);
    }

    @Test
    void motionlessBarsGiveZeroNotNaN() {
        Adx adx = new Adx(3);
        for (int i = 0; i < 6; i++) adx.update(100, 100, 100);
        assertThat(adx.plusDi()).isZero();
        assertThat(adx.minusDi()).isZero();
        assertThat(adx.value()).isZero();
    }
}
