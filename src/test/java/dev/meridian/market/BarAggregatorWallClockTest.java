package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Tick;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarAggregatorWallClockTest {
    private static Tick tick(long ms, String price, long seq) {
        return new Tick("BTCUSDT", AssetClass.SPOT, ms, new BigDecimal(price), BigDecimal.ONE, seq, false);
    }

    @Test
    void quietMarketClosesOnlyAfterTheGracePeriodAndLateTradesAreDropped() {
        BarAggregator agg = new BarAggregator("BTCUSDT", AssetClass.SPOT, List.of(60, 300));
        agg.onTick(tick(10_000, "100", 1));
        agg.onTick(tick(50_000, "101", 2));
        assertThat(agg.closeElapsed(61_999, 2_000, 3)).isEmpty();
        List<Bar> closed = agg.closeElapsed(62_000, 2_000, 3);
        assertThat(closed).hasSize(1);
        Bar b = closed.get(0);
        assertThat(b.timeframeSec()).isEqualTo(60);
        assertThat(b.openTimeMs()).isZero();
        assertThat(b.close()).isEqualByComparingTo("101");
        assertThat(b.volume()).isEqualByComparingTo("2");
        assertThat(b.seq()).isEqualTo(3);
        // A trade of the closed minute arriving late cannot change or duplicate its bar.
        assertThat(agg.onTick(tick(59_000, "99", 4))).isEmpty();
        assertThat(agg.lateEventsDropped()).isEqualTo(1);
        // The 5-minute bar was still open and keeps the first minute's trades.
        agg.onTick(tick(70_000, "102", 5));
        List<Bar> atFive = agg.onTick(tick(300_000, "103", 6));
        assertThat(atFive).extracting(Bar::timeframeSec).containsExactly(60, 300);
        assertThat(atFive.get(1).open()).isEqualByComparingTo("100");
        assertThat(atFive.get(1).high()).isEqualByComparingTo("102");
    }

    @Test
    void barSourcesAndUnfedAggregatorsAreNotClosedByTheClock() {
        BarAggregator agg = new BarAggregator("BTCUSDT", AssetClass.SPOT, List.of(60));
        assertThat(agg.closeElapsed(Long.MAX_VALUE / 2, 0, 1)).isEmpty();
    }

    @Test
    void discardedOpenBarsAreNeverReturned() {
        BarAggregator agg = new BarAggregator("BTCUSDT", AssetClass.SPOT, List.of(60));
        agg.onTick(tick(10_000, "100", 1));
        agg.discardOpenBars();
        List<Bar> next = agg.onTick(tick(130_000, "105", 2));
        assertThat(next).isEmpty();
        assertThat(agg.onTick(tick(185_000, "106", 3))).singleElement().satisfies(b -> {
            assertThat(b.openTimeMs()).isEqualTo(120_000);
            assertThat(b.open()).isEqualByComparingTo("105");
        });
    }
}
