package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentileRankTest {
    @Test
    void newestAmongTheWindowAsMidRank() {
        PercentileRank p = new PercentileRank(5);
        for (double x : new double[] {3, 1, 4, 1}) p.update(x);
        assertThat(p.ready()).isFalse();
        assertThat(p.value()).isNaN();
        p.update(5);
        assertThat(p.value()).isEqualTo(1.0); // widest of {3, 1, 4, 1, 5}
        p.update(0);
        assertThat(p.value()).isEqualTo(0.0); // {1, 4, 1, 5, 0}: narrowest
        p.update(4);
        // {4, 1, 5, 0, 4}: two below, one other equal → (2 + 0.5) / 4.
        assertThat(p.value()).isEqualTo(2.5 / 4);
    }

    @Test
    void flatWindowIsTheMiddle() {
        PercentileRank p = new PercentileRank(10);
        for (int i = 0; i < 30; i++) p.update(7);
        assertThat(p.value()).isEqualTo(0.5);
    }

    @Test
    void noLookAheadOnRealBandwidths() {
        EthBars.assertNoLookAhead(() -> new Object[] {new BollingerBands(20, 2), new PercentileRank(50)},
                (o, b) -> {
                    BollingerBands bb = (BollingerBands) o[0];
                    bb.update(b.close());
                    if (bb.ready()) ((PercentileRank) o[1]).update(bb.bandwidth());
                },
                o -> ((PercentileRank) o[1]).value());
    }
}
