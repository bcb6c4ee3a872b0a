package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Category;
import dev.meridian.core.Kline;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KlineReconcilerTest {
    static Bar bar(int tf, long open, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar("BTCUSDT", AssetClass.SPOT, tf, open, new BigDecimal("100"), new BigDecimal("110"), new BigDecimal("90"),
                c, new BigDecimal("5"), 7, false);
    }

    static Kline kline(long start, String close, boolean confirm) {
        return new Kline(Category.SPOT, "BTCUSDT", 60, start, new BigDecimal("100"), new BigDecimal("110"), new BigDecimal("90"),
                new BigDecimal(close), new BigDecimal("5"), new BigDecimal("500"), confirm);
    }

    @Test
    void exchangeBarReplacesOursWhenItDiffersAndTheDifferenceIsCounted() {
        KlineReconciler r = new KlineReconciler(60, 3_000);
        assertThat(r.onBars(List.of(bar(60, 0, "105")), 60_100)).isEmpty();
        assertThat(r.onKline(kline(0, "105", false), 60_200)).isEmpty();
        List<Bar> out = r.onKline(kline(0, "104.5", true), 60_300);
        assertThat(out).singleElement().satisfies(b -> {
            assertThat(b.close()).isEqualByComparingTo("104.5");
            assertThat(b.seq()).isEqualTo(7);
        });
        assertThat(r.replaced()).isEqualTo(1);
    }

    @Test
    void identicalBarsPassUnchangedAndConfirmationMayComeFirst() {
        KlineReconciler r = new KlineReconciler(60, 3_000);
        assertThat(r.onKline(kline(0, "105", true), 60_000)).isEmpty();
        Bar ours = bar(60, 0, "105");
        assertThat(r.onBars(List.of(ours), 60_050)).containsExactly(ours);
        assertThat(r.replaced()).isZero();
    }

    @Test
    void withoutConfirmationOursLeaveAfterTheGraceAndOrderIsKept() {
        KlineReconciler r = new KlineReconciler(60, 3_000);
        Bar first = bar(60, 0, "105");
        Bar second = bar(60, 60_000, "106");
        Bar fiveMinute = bar(300, 0, "106");
        assertThat(r.onBars(List.of(first), 60_100)).isEmpty();
        assertThat(r.onBars(List.of(second, fiveMinute), 120_100)).containsExactly(first);
        assertThat(r.unconfirmed()).isEqualTo(1);
        assertThat(r.tick(121_000)).isEmpty();
        assertThat(r.onKline(kline(60_000, "106", true), 121_500)).containsExactly(second, fiveMinute);
    }

    @Test
    void groupsWithoutTheKlineTimeframePassStraightThroughWhenNothingIsHeld() {
        KlineReconciler r = new KlineReconciler(60, 3_000);
        Bar hourly = bar(3600, 0, "105");
        assertThat(r.onBars(List.of(hourly), 10)).containsExactly(hourly);
    }
}
