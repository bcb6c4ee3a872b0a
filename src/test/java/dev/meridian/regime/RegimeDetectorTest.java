package dev.meridian.regime;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Regime;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

public class RegimeDetectorTest {
    public static Bar bar(int i, double close, double range) {
        BigDecimal c = BigDecimal.valueOf(close);
        return new Bar("X", AssetClass.SPOT, 60, i * 60_000L, c, BigDecimal.valueOf(close + range / 2),
                BigDecimal.valueOf(close - range / 2), c, BigDecimal.ONE, i, false);
    }

    private final RegimeDetector.Params params = new RegimeDetector.Params(5, 10, 5, 0.5, 0.05, 3);

    @Test
    void noTrustedReadingDuringWarmup() {
        RegimeDetector d = new RegimeDetector(params);
        for (int i = 0; i < d.warmupBars() - 1; i++) assertThat(d.update(bar(i, 100 + i, 1)).warm()).isFalse();
        assertThat(d.update(bar(99, 120, 1)).warm()).isTrue();
    }

    @Test
    void steadyRiseBecomesTrendUpOnlyAfterHysteresis() {
        RegimeDetector d = new RegimeDetector(params);
        int i = 0;
        for (; i < 20; i++) d.update(bar(i, 100, 1));
        assertThat(d.update(bar(i++, 100, 1)).regime()).isEqualTo(Regime.RANGE);
        RegimeDetector.Reading r = null;
        int switchedAt = -1;
        for (int k = 0; k < 10; k++, i++) {
            r = d.update(bar(i, 100 + 2.0 * (k + 1), 1));
            if (r.changed()) {
                switchedAt = k;
                break;
            }
        }
        assertThat(r.regime()).isEqualTo(Regime.TREND_UP);
        assertThat(switchedAt).isGreaterThanOrEqualTo(params.hysteresisBars() - 1);
    }

    @Test
    void wideBarsAreVolatile() {
        RegimeDetector d = new RegimeDetector(params);
        RegimeDetector.Reading r = null;
        for (int i = 0; i < 30; i++) r = d.update(bar(i, 100, 20));
        assertThat(r.regime()).isEqualTo(Regime.VOLATILE);
    }
}
