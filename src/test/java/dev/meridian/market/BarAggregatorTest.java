package dev.meridian.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.MarketEvent;
import dev.meridian.core.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarAggregatorTest {
    private static final String SYMBOL = "BTCUSDT";

    @Test
    void aTradeAtTheLastMillisecondBelongsToTheBarAndTheFirstTradeOfTheNextMinuteClosesIt() {
        BarAggregator agg = aggregator(60);

        assertThat(agg.onTick(tick("00:00:00.000", "100.5", "1", 1))).isEmpty();
        assertThat(agg.onTick(tick("00:00:59.999", "101", "2", 2))).isEmpty();
        List<Bar> closed = agg.onTick(tick("00:01:00.000", "250", "7", 3));

        assertThat(closed).containsExactly(bar(60, "00:00", "100.5", "101", "100.5", "101", "3", 3));
    }

    @Test
    void ohlcvAreExactAndTheClosingTradeBelongsToTheNextBar() {
        BarAggregator agg = aggregator(60);
        agg.onTick(tick("10:00:01", "100.10", "0.1", 11));
        agg.onTick(tick("10:00:02", "100.30", "0.2", 12));
        agg.onTick(tick("10:00:03", "99.95", "0.000001", 13));
        agg.onTick(tick("10:00:04", "100.20", "1.5", 14));
        List<Bar> first = agg.onTick(tick("10:01:00", "100.40", "3", 15));
        agg.onTick(tick("10:01:30", "100.00", "1", 16));
        List<Bar> second = agg.onTick(tick("10:02:00.001", "90", "1", 17));

        // open 100.10, high 100.30, low 99.95, close 100.20, volume 0.1 + 0.2 + 0.000001 + 1.5 (no 0.30000000000000004 here)
        assertThat(first).containsExactly(bar(60, "10:00", "100.10", "100.30", "99.95", "100.20", "1.800001", 15));
        assertThat(second).containsExactly(bar(60, "10:01", "100.40", "100.40", "100.00", "100.00", "4", 17));
    }

    @Test
    void aBarStaysOpenUntilALaterTradeAndGapsProduceNoBars() {
        BarAggregator agg = aggregator(60);

        assertThat(agg.onTick(tick("00:00:30", "10", "1", 1))).isEmpty();
        List<Bar> closed = agg.onTick(tick("00:05:10", "12", "1", 2));

        assertThat(closed).containsExactly(bar(60, "00:00", "10", "10", "10", "10", "1", 2));
        assertThat(agg.onTick(tick("00:05:50", "11", "1", 3))).isEmpty();
        assertThat(agg.onTick(tick("00:06:00", "11", "1", 4)))
                .containsExactly(bar(60, "00:05", "12", "12", "11", "11", "2", 4));
    }

    @Test
    void theFirstTradeOfAnHourClosesEveryTimeframeAtOnceSmallestFirst() {
        BarAggregator agg = aggregator(3600, 60, 900, 300);
        agg.onTick(tick("00:00:10", "100", "1", 1));
        agg.onTick(tick("00:14:59", "120", "2", 2));
        agg.onTick(tick("00:40:00", "90", "3", 3));
        agg.onTick(tick("00:59:59.999", "95", "4", 4));

        List<Bar> closed = agg.onTick(tick("01:00:00", "97", "5", 5));

        assertThat(closed).containsExactly(
                bar(60, "00:59", "95", "95", "95", "95", "4", 5),
                bar(300, "00:55", "95", "95", "95", "95", "4", 5),
                bar(900, "00:45", "95", "95", "95", "95", "4", 5),
                bar(3600, "00:00", "100", "120", "90", "95", "10", 5));
        assertThat(agg.timeframesSec()).containsExactly(60, 300, 900, 3600);
    }

    @Test
    void aClosedBarCarriesTheWarmupFlagOfTheTradeThatClosedIt() {
        BarAggregator agg = aggregator(60);
        agg.onTick(tick("00:00:01", "1", "1", 1));

        Tick warmup = new Tick(SYMBOL, AssetClass.SPOT, at("00:01:00"), BigDecimal.ONE, BigDecimal.ONE, 2, true);

        assertThat(agg.onTick(warmup)).singleElement().satisfies(b -> assertThat(b.warmup()).isTrue());
    }

    @Test
    void aTradeEarlierThanThePreviousOneIsDroppedAndCounted() {
        BarAggregator agg = aggregator(60);
        agg.onTick(tick("00:00:30", "10", "1", 1));
        agg.onTick(tick("00:01:10", "11", "1", 2));

        assertThat(agg.onTick(tick("00:00:40", "999", "1", 3))).isEmpty();
        assertThat(agg.onTick(tick("00:01:09", "999", "1", 4))).isEmpty();
        assertThat(agg.lateEventsDropped()).isEqualTo(2);
        assertThat(agg.onTick(tick("00:02:00", "12", "1", 5)))
                .containsExactly(bar(60, "00:01", "11", "11", "11", "11", "1", 5));
    }

    @Test
    void fiveMinuteBarsPassThroughAndRollUpIntoAFifteenMinuteBarWhenTheLastOneArrives() {
        BarAggregator agg = aggregator(300, 900);
        Bar b1 = bar(300, "00:00", "10", "12", "9", "11", "1.5", 1);
        Bar b2 = bar(300, "00:05", "11", "15", "10", "14", "2", 2);
        Bar b3 = bar(300, "00:10", "14", "14", "8", "9", "0.25", 3);

        assertThat(agg.onBar(b1)).containsExactly(b1);
        assertThat(agg.onBar(b2)).containsExactly(b2);
        assertThat(agg.onBar(b3)).containsExactly(b3, bar(900, "00:00", "10", "15", "8", "9", "3.75", 3));
    }

    @Test
    void aBarNotLaterThanThePreviousOneIsDroppedAndCounted() {
        BarAggregator agg = aggregator(300, 900);
        agg.onBar(bar(300, "00:05", "10", "12", "9", "11", "1", 1));

        assertThat(agg.onBar(bar(300, "00:05", "99", "99", "99", "99", "1", 2))).isEmpty();
        assertThat(agg.onBar(bar(300, "00:00", "99", "99", "99", "99", "1", 3))).isEmpty();
        assertThat(agg.lateEventsDropped()).isEqualTo(2);
        assertThat(agg.onBar(bar(300, "00:10", "11", "11", "11", "11", "1", 4)))
                .containsExactly(bar(300, "00:10", "11", "11", "11", "11", "1", 4),
                        bar(900, "00:00", "10", "12", "9", "11", "2", 4));
    }

    @Test
    void aRolledUpBarMissingItsLastPartClosesWhenALaterIntervalBegins() {
        BarAggregator agg = aggregator(300, 900);
        agg.onBar(bar(300, "00:00", "10", "12", "9", "11", "1", 1));
        agg.onBar(bar(300, "00:05", "11", "15", "10", "14", "2", 2));
        Bar later = bar(300, "00:20", "20", "21", "19", "20", "5", 3);

        // The 15-minute bar ended (00:15) before the 5-minute bar (00:25): event-time order.
        assertThat(agg.onBar(later)).containsExactly(bar(900, "00:00", "10", "15", "9", "14", "3", 3), later);
        assertThat(agg.onBar(bar(300, "00:25", "20", "22", "20", "22", "1", 4)))
                .containsExactly(bar(300, "00:25", "20", "22", "20", "22", "1", 4),
                        bar(900, "00:15", "20", "22", "19", "22", "6", 4));
    }

    @Test
    void timeframesABarSourceCannotProduceStayEmpty() {
        BarAggregator agg = aggregator(60, 480, 600);
        Bar fiveMinutes = bar(300, "00:00", "1", "1", "1", "1", "1", 1);

        assertThat(agg.onBar(fiveMinutes)).isEmpty();
        assertThat(agg.onBar(bar(300, "00:05", "1", "1", "1", "1", "1", 2)))
                .containsExactly(bar(600, "00:00", "1", "1", "1", "1", "2", 2));
    }

    @Test
    void theEthBuiltInRollsUpIntoTheSameBarsAsFoldingItsFiveMinuteBars() {
        BarAggregator agg = new BarAggregator("ETHUSD", AssetClass.SPOT, List.of(300, 900, 3600));
        Map<Integer, List<Bar>> byTimeframe = new HashMap<>();
        List<Bar> fiveMinute = new ArrayList<>();
        try (ReplayReader reader = ReplaySource.resolve("eth-5m-2023", AssetClass.SPOT).open()) {
            while (reader.hasNext()) {
                Bar source = (Bar) reader.next();
                fiveMinute.add(source);
                for (Bar b : agg.onBar(source)) byTimeframe.computeIfAbsent(b.timeframeSec(), k -> new ArrayList<>()).add(b);
            }
        }

        // 580 bars from 18:00 on 13 Mar to 18:20 on 15 Mar: 48 whole hours, 193 whole quarters.
        assertThat(byTimeframe.get(300)).isEqualTo(fiveMinute);
        assertThat(byTimeframe.get(900)).hasSize(193);
        assertThat(byTimeframe.get(3600)).hasSize(48);
        Bar hour = byTimeframe.get(3600).get(5);
        List<Bar> parts = fiveMinute.subList(5 * 12, 6 * 12);
        assertThat(hour.openTimeMs()).isEqualTo(parts.get(0).openTimeMs());
        assertThat(hour.open()).isEqualTo(parts.get(0).open());
        assertThat(hour.high()).isEqualTo(parts.stream().map(Bar::high).reduce(BigDecimal::max).orElseThrow());
        assertThat(hour.low()).isEqualTo(parts.stream().map(Bar::low).reduce(BigDecimal::min).orElseThrow());
        assertThat(hour.close()).isEqualTo(parts.get(11).close());
        assertThat(hour.volume()).isEqualByComparingTo(parts.stream().map(Bar::volume).reduce(BigDecimal::add).orElseThrow());
        assertThat(hour.seq()).isEqualTo(parts.get(11).seq());
    }

    @Test
    void barsFromTheBtcTradesAddUpAcrossTimeframes() {
        BarAggregator agg = new BarAggregator("BTCUSD", AssetClass.SPOT, List.of(60, 3600));
        Map<Long, BigDecimal> minuteVolumeByHour = new HashMap<>();
        List<Bar> hours = new ArrayList<>();
        BigDecimal tradedVolume = BigDecimal.ZERO;
        try (ReplayReader reader = ReplaySource.resolve("btc-trades-2013", AssetClass.SPOT).open()) {
            while (reader.hasNext()) {
                MarketEvent event = reader.next();
                tradedVolume = tradedVolume.add(((Tick) event).qty());
                for (Bar b : agg.onTick((Tick) event)) {
                    if (b.timeframeSec() == 60) {
                        minuteVolumeByHour.merge(Math.floorDiv(b.openTimeMs(), 3_600_000L) * 3_600_000L, b.volume(),
                                BigDecimal::add);
                    } else {
                        hours.add(b);
                    }
                }
            }
        }

        assertThat(hours).isNotEmpty().allSatisfy(h -> {
            assertThat(h.openTimeMs() % 3_600_000L).isZero();
            assertThat(h.volume()).isEqualByComparingTo(minuteVolumeByHour.get(h.openTimeMs()));
        });
        BigDecimal hourVolume = hours.stream().map(Bar::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(hourVolume).isLessThan(tradedVolume); // the last hour is still open
        assertThat(agg.lateEventsDropped()).isZero();
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> aggregator(60, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeframe 7s does not divide a day (86400s)");
        assertThatThrownBy(() -> aggregator()).hasMessage("no timeframe configured for BTCUSDT");

        BarAggregator trades = aggregator(60);
        trades.onTick(tick("00:00:00", "1", "1", 1));
        assertThatThrownBy(() -> trades.onBar(bar(60, "00:00", "1", "1", "1", "1", "1", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the bar aggregator of BTCUSDT is fed trades, not 60s bars");
        assertThatThrownBy(() -> trades.onTick(new Tick("ETHUSDT", AssetClass.SPOT, 0, BigDecimal.ONE, BigDecimal.ONE, 2, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the bar aggregator of BTCUSDT SPOT got an event of ETHUSDT SPOT");

        BarAggregator bars = aggregator(60, 300);
        bars.onBar(bar(60, "00:00", "1", "1", "1", "1", "1", 1));
        assertThatThrownBy(() -> bars.onBar(bar(300, "00:05", "1", "1", "1", "1", "1", 2)))
                .hasMessage("the bar aggregator of BTCUSDT is fed 60s bars, not 300s bars");
        assertThatThrownBy(() -> bars.onTick(tick("00:00:00", "1", "1", 1)))
                .hasMessage("the bar aggregator of BTCUSDT is fed bars, not trades");
        Bar misaligned = new Bar(SYMBOL, AssetClass.SPOT, 60, at("00:01:30"), BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 2, false);
        assertThatThrownBy(() -> bars.onBar(misaligned)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bar of BTCUSDT opening at 2024-01-01T00:01:30Z is not aligned to its 60s timeframe");
    }

    private static BarAggregator aggregator(Integer... timeframesSec) {
        return new BarAggregator(SYMBOL, AssetClass.SPOT, List.of(timeframesSec));
    }

    /** A time of 1 Jan 2024 (UTC), {@code HH:mm[:ss[.SSS]]}. */
    private static long at(String time) {
        return Instant.parse("2024-01-01T" + (time.length() == 5 ? time + ":00" : time) + "Z").toEpochMilli();
    }

    private static Tick tick(String time, String price, String qty, long seq) {
        return new Tick(SYMBOL, AssetClass.SPOT, at(time), new BigDecimal(price), new BigDecimal(qty), seq, false);
    }

    private static Bar bar(int timeframeSec, String open, String o, String h, String l, String c, String v, long seq) {
        return new Bar(SYMBOL, AssetClass.SPOT, timeframeSec, at(open), new BigDecimal(o), new BigDecimal(h),
                new BigDecimal(l), new BigDecimal(c), new BigDecimal(v), seq, false);
    }
}
