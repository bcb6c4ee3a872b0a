package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

class RsiTest {
    private static final int N = 14;

    /**
     * ta4j seeds its averages with bar 0 (gain = loss = 0) where we use the mean of the first 14
     * changes, so early values differ by O(1). Both then follow the same Wilder recursion, so the
     * difference shrinks by a factor 13/14 per bar: after the ~386 bars from bar 14 to bar 400 it is
     * below (13/14)^386 ≈ 4e-13 of the initial gap, and 1e-9 relative leaves room for rounding
     * (observed ≤ 8e-14 from bar 400).
     */
    @Test
    void matchesTa4jOnRealEthBarsOnceTheSeedHasDecayed() {
        double[] ours = EthBars.run(() -> new Rsi(N), (r, b) -> r.update(b.close()), Rsi::value);
        EthBars.assertMatchesTa4j(ours, new RSIIndicator(new ClosePriceIndicator(EthBars.ta4jSeries()), N), 400, 1e-9);
    }

    @Test
    void noValueDuringWarmupOfPeriodPlusOneBars() {
        assertThat(new Rsi(N).warmupBars()).isEqualTo(N + 1);
        EthBars.assertWarmup(EthBars.run(() -> new Rsi(N), (r, b) -> r.update(b.close()), Rsi::value), N + 1);
    }

    @Test
    void noLookAhead() {
        EthBars.assertNoLookAhead(() -> new Rsi(N), (r, b) -> r.update(b.close()), Rsi::value);
    }

    @Test
    void edgeValues() {
        Rsi rising = new Rsi(3);
        Rsi flat = new Rsi(3);
        for (int i = 0; i < 4; i++) {
            rising.update(100 + i);
            flat.update(100);
        }
        assertThat(rising.value()).isEqualTo(100.0);
        assertThat(flat.value()).isEqualTo(50.0);
    }

    @Test
    void wilderSeedIsTheMeanOfTheFirstChanges() {
        // Changes +2, -1, +4 → avg gain 2, avg loss 1/3 → RSI = 100 − 100 / (1 + 6) = 600/7.
        Rsi rsi = new Rsi(3);
        for (double c : new double[] {10, 12, 11, 15}) rsi.update(c);
        assertThat(rsi.value()).isCloseTo(600.0 / 7, org.assertj.core.data.Offset.offset(1e-12));
        // Next change -3: gain 2·2/3 = 4/3, loss (1/3·2 + 3)/3 = 11/9 → RS = 12/11.
        rsi.update(12);
        assertThat(rsi.value()).isCloseTo(100 - 100 / (1 + 12.0 / 11), org.assertj.core.data.Offset.offset(1e-12));
    }
}
