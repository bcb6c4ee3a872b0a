package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ta4j.core.indicators.KAMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

class EfficiencyRatioTest {
    private static final int N = 10;

    private static double[] ours(int n) {
        return EthBars.run(() -> new EfficiencyRatio(n), (e, b) -> e.update(b.close()), EfficiencyRatio::value);
    }

    /**
     * ta4j 0.17 has no stand-alone ER, but KAMAIndicator is driven by exactly this ratio:
     * sc = (ER·(2/(fast+1) − 2/(slow+1)) + 2/(slow+1))², KAMA_i = KAMA_{i−1} + sc·(close_i − KAMA_{i−1}),
     * seeded with KAMA = close at bar n − 1. Rebuilding KAMA from our ER and matching ta4j's at every
     * bar pins our ER to ta4j's at every bar (a wrong ER moves KAMA at once, and the error persists).
     */
    @Test
    void drivesKamaExactlyAsTa4jDoes() {
        int fast = 2;
        int slow = 30;
        double[] er = ours(N);
        double fastest = 2.0 / (fast + 1);
        double slowest = 2.0 / (slow + 1);
        double[] kama = new double[er.length];
        for (int i = 0; i < er.length; i++) {
            double close = EthBars.BARS.get(i).close();
            if (i < N) {
                kama[i] = close;
            } else {
                double sc = Math.pow(er[i] * (fastest - slowest) + slowest, 2);
                kama[i] = kama[i - 1] + sc * (close - kama[i - 1]);
            }
        }
        KAMAIndicator reference = new KAMAIndicator(new ClosePriceIndicator(EthBars.ta4jSeries()), N, fast, slow);
        EthBars.assertMatchesTa4j(kama, reference, 0, 1e-12);
    }

    @Test
    void equalsTheDefinitionComputedFromScratchAtEveryBar() {
        for (int n : new int[] {1, 3, 20}) {
            double[] er = ours(n);
            for (int i = n; i < er.length; i++) {
                double path = 0;
                for (int j = i - n + 1; j <= i; j++) path += Math.abs(EthBars.BARS.get(j).close() - EthBars.BARS.get(j - 1).close());
                double net = Math.abs(EthBars.BARS.get(i).close() - EthBars.BARS.get(i - n).close());
                double expected = path == 0 ? 0 : net / path;
                assertThat(er[i]).as("n=%d bar %d", n, i).isCloseTo(expected, within(1e-12));
                assertThat(er[i]).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void noValueDuringWarmup() {
        assertThat(new EfficiencyRatio(N).warmupBars()).isEqualTo(N + 1);
        EthBars.assertWarmup(ours(N), N + 1);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new EfficiencyRatio(N), (e, b) -> e.update(b.close()), EfficiencyRatio::value);
    }

    @Test
    void straightLineIsOneAndZigzagIsZero() {
        EfficiencyRatio line = new EfficiencyRatio(4);
        for (int i = 0; i < 9; i++) line.update(100 + 0.1 * i);
        assertThat(line.value()).isEqualTo(1.0);

        // 100, 101, 100, 101, 100: net 0 over a path of 4.
        EfficiencyRatio zigzag = new EfficiencyRatio(4);
        for (int i = 0; i < 9; i++) zigzag.update(100 + (i % 2));
        assertThat(zigzag.value()).isZero();
    }

    @Test
    void handComputedWindow() {
        // Closes 10, 11, 13, 12, 15 with n = 4: net |15 − 10| = 5, path 1 + 2 + 1 + 3 = 7.
        EfficiencyRatio er = new EfficiencyRatio(4);
        for (double c : new double[] {10, 11, 13, 12}) er.update(c);
        assertThat(er.ready()).isFalse();
        er.update(15);
        assertThat(er.value()).isCloseTo(5.0 / 7.0, within(1e-15));
        // Slides: closes 11, 13, 12, 15, 14 → net 3, path 2 + 1 + 3 + 1 = 7.
        er.update(14);
        assertThat(er.value()).isCloseTo(3.0 / 7.0, within(1e-15));
    }

    @Test
    void flatWindowIsZeroNotNaN() {
        EfficiencyRatio er = new EfficiencyRatio(3);
        for (int i = 0; i < 5; i++) er.update(100 + i);
        for (int i = 0; i < 20; i++) er.update(50);
        assertThat(er.value()).isZero();
    }
}
