package dev.meridian.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.MarketEvent;
import dev.meridian.core.Tick;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {
    @TempDir
    Path dir;

    @Test
    void btcBuiltInYieldsTheHundredThousandBitstampTradesInOrder() {
        ReplaySource source = ReplaySource.resolve("btc-trades-2013", AssetClass.SPOT);
        assertThat(source.name()).isEqualTo("btc-trades-2013");
        assertThat(source.symbol()).isEqualTo("BTCUSD");
        assertThat(source.barTimeframeSec()).isEmpty();

        long started = System.nanoTime();
        Tick first = null;
        Tick last = null;
        long count = 0;
        long outOfOrder = 0;
        try (ReplayReader reader = source.open()) {
            while (reader.hasNext()) {
                Tick tick = (Tick) reader.next();
                if (first == null) first = tick;
                // Counted, not asserted per event, so the timing below is the reader's.
                if (last != null && (tick.seq() != last.seq() + 1 || tick.timeMs() < last.timeMs())) outOfOrder++;
                last = tick;
                count++;
            }
            assertThat(reader.skippedRows()).isZero();
            assertThat(reader.failure()).isEmpty();
        }
        System.out.printf("btc-trades-2013: %d trades read in %.1f ms%n", count, (System.nanoTime() - started) / 1e6);

        assertThat(count).isEqualTo(100_000);
        assertThat(outOfOrder).isZero();
        assertThat(first).isEqualTo(new Tick("BTCUSD", AssetClass.SPOT, 1_385_337_600_000L, new BigDecimal("800.01"),
                new BigDecimal("0.1"), 1, false));
        assertThat(last).isEqualTo(new Tick("BTCUSD", AssetClass.SPOT, 1_385_913_725_000L, new BigDecimal("999"),
                new BigDecimal("1.2926331"), 100_000, false));
    }

    @Test
    void ethBuiltInYieldsFiveMinuteBarsOpeningAtEndTimePlusOneMinusFiveMinutes() {
        ReplaySource source = ReplaySource.resolve("eth-5m-2023", AssetClass.SPOT);
        assertThat(source.symbol()).isEqualTo("ETHUSD");
        assertThat(source.barTimeframeSec()).hasValue(300);

        List<MarketEvent> events = readAll(source.open());

        assertThat(events).hasSize(580);
        // First element: endTime 1678730699999, so the bar covers [18:00, 18:05) on 13 Mar 2023.
        assertThat(events.get(0)).isEqualTo(new Bar("ETHUSD", AssetClass.SPOT, 300,
                Instant.parse("2023-03-13T18:00:00Z").toEpochMilli(), new BigDecimal("1673.58"),
                new BigDecimal("1677.62"), new BigDecimal("1672.44"), new BigDecimal("1672.99"),
                new BigDecimal("65.3033"), 1, false));
        Bar lastBar = (Bar) events.get(579);
        assertThat(lastBar.closeTimeMs()).isEqualTo(1_678_904_399_999L + 1);
        assertThat(lastBar.seq()).isEqualTo(580);
    }

    @Test
    void theAssetClassAskedForIsStampedOnEveryEvent() {
        try (ReplayReader reader = ReplaySource.resolve("btc-trades-2013", AssetClass.PERP).open()) {
            assertThat(reader.next().assetClass()).isEqualTo(AssetClass.PERP);
        }
    }

    @Test
    void csvTradesAcceptEpochSecondsEpochMillisAndIso8601PerValue() throws IOException {
        Path file = write("SOLUSDT.csv", """
                timestamp,price,amount
                1700000000,60.5,2
                1700000000250,60.50,0.125
                2023-11-14T22:13:21.5Z,60.75,1.0
                2023-11-14T23:13:22+01:00,61,1
                2023-11-14T22:13:23,62.000,0
                """);

        ReplaySource source = ReplaySource.resolve(file.toString(), AssetClass.SPOT);
        List<MarketEvent> events = readAll(source.open());

        assertThat(source.name()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(source.symbol()).isEqualTo("SOLUSDT");
        assertThat(events).containsExactly(
                new Tick("SOLUSDT", AssetClass.SPOT, 1_700_000_000_000L, new BigDecimal("60.5"), new BigDecimal("2"), 1, false),
                new Tick("SOLUSDT", AssetClass.SPOT, 1_700_000_000_250L, new BigDecimal("60.5"), new BigDecimal("0.125"), 2, false),
                new Tick("SOLUSDT", AssetClass.SPOT, 1_700_000_001_500L, new BigDecimal("60.75"), new BigDecimal("1"), 3, false),
                new Tick("SOLUSDT", AssetClass.SPOT, 1_700_000_002_000L, new BigDecimal("61"), new BigDecimal("1"), 4, false),
                new Tick("SOLUSDT", AssetClass.SPOT, 1_700_000_003_000L, new BigDecimal("62"), new BigDecimal("0"), 5, false));
    }

    @Test
    void csvBarsInferTheTimeframeFromTheSmallestSpacingAndAcceptAllTimestampForms() throws IOException {
        // A 2-minute hole after the first bar: the timeframe is still the 1-minute spacing.
        // The header starts with a byte order mark, as Windows tools write it.
        Path file = write("ADAUSDT.v2.csv", """
                \uFEFFTimestamp,Open,High,Low,Close,Volume
                1700000040,0.37,0.38,0.36,0.375,1000
                1700000220000,0.375,0.375,0.375,0.375,0
                "2023-11-14T22:18:00Z","0.375","0.40","0.37","0.39","250.5"
                """);

        ReplaySource source = ReplaySource.resolve(file.toString(), AssetClass.SPOT);
        List<MarketEvent> events = readAll(source.open());

        assertThat(source.symbol()).isEqualTo("ADAUSDT.v2");
        assertThat(source.barTimeframeSec()).hasValue(60);
        assertThat(events).containsExactly(
                bar("ADAUSDT.v2", 60, 1_700_000_040_000L, "0.37", "0.38", "0.36", "0.375", "1000", 1),
                bar("ADAUSDT.v2", 60, 1_700_000_220_000L, "0.375", "0.375", "0.375", "0.375", "0", 2),
                bar("ADAUSDT.v2", 60, 1_700_000_280_000L, "0.375", "0.4", "0.37", "0.39", "250.5", 3));
    }

    @Test
    void malformedAndOutOfOrderTradeRowsAreCountedAndSkippedWithTheirLineNumbers() throws IOException {
        Path file = write("BTCUSDT.csv", """
                timestamp,price,amount
                1700000000,100,1
                1700000001,abc,1
                1700000002,100

                1700000003,-5,1
                1700000004,100,-1
                yesterday,100,1
                1700000005,101,1
                1699999999,99,1
                1700000005,102,1
                1700000006,103,1,extra
                1700000007,1E+999999999,1
                """);

        try (ReplayReader reader = ReplaySource.resolve(file.toString(), AssetClass.SPOT).open()) {
            List<MarketEvent> events = readAll(reader);

            assertThat(events).extracting(MarketEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(events).extracting(e -> ((Tick) e).price())
                    .containsExactly(new BigDecimal("100"), new BigDecimal("101"), new BigDecimal("102"));
            assertThat(reader.skippedRows()).isEqualTo(8);
            assertThat(reader.failure()).isEmpty();
            assertThat(reader.skipReasons()).extracting(SkippedRow::toString).containsExactly(
                    "line 3: price is not a number: 'abc'",
                    "line 4: expected 3 fields (timestamp,price,amount), got 2",
                    "line 6: price must be > 0, got -5",
                    "line 7: amount must be >= 0, got -1",
                    "line 8: timestamp is not epoch seconds, epoch ms or ISO-8601: 'yesterday'",
                    "line 10: time 2023-11-14T22:13:19Z is before the previous trade's 2023-11-14T22:13:25Z",
                    "line 12: expected 3 fields (timestamp,price,amount), got 4",
                    "line 13: price is out of range: '1E+999999999'");
        }
    }

    @Test
    void onlyTheFirstTenSkipReasonsAreKeptButAllSkipsAreCounted() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,price,amount\n");
        for (int i = 0; i < 25; i++) csv.append("x,1,1\n");
        csv.append("1700000000,1,1\n");

        try (ReplayReader reader = ReplaySource.resolve(write("X.csv", csv.toString()).toString(), AssetClass.SPOT).open()) {
            assertThat(readAll(reader)).hasSize(1);
            assertThat(reader.skippedRows()).isEqualTo(25);
            assertThat(reader.skipReasons()).hasSize(ReplayReader.SKIP_REASONS_KEPT);
            assertThat(reader.skipReasons().get(9).line()).isEqualTo(11);
        }
    }

    @Test
    void malformedAndDuplicateBarsAreSkipped() throws IOException {
        Path file = write("ETHUSDT.csv", """
                timestamp,open,high,low,close,volume
                1700000100,10,12,9,11,5
                1700000400,10,12,9,11,5
                1700000400,11,13,10,12,6
                1700000700,10,9,8,9,5
                1700001000,10,12,10.5,11,5
                1700001300,10,12,9,11,-5
                1700001600,10,12,9,11,5
                """);

        try (ReplayReader reader = ReplaySource.resolve(file.toString(), AssetClass.SPOT).open()) {
            assertThat(readAll(reader)).extracting(e -> ((Bar) e).openTimeMs())
                    .containsExactly(1_700_000_100_000L, 1_700_000_400_000L, 1_700_001_600_000L);
            assertThat(reader.skipReasons()).extracting(SkippedRow::toString).containsExactly(
                    "line 4: bar opening at 2023-11-14T22:20:00Z does not come after the previous bar",
                    "line 5: high 9 is below open, low or close",
                    "line 6: low 10.5 is above open or close",
                    "line 7: volume must be >= 0, got -5");
        }
    }

    @Test
    void brokenJsonBarsAreSkippedAndBrokenJsonEndsTheStreamWithAFailure() {
        String json = """
                {"name": "test", "ohlc": [
                  {"endTime": 1678730699999, "openPrice": 1, "highPrice": 2, "lowPrice": 1, "closePrice": 2, "volume": 3},
                  {"endTime": 1678730999999, "openPrice": 1, "highPrice": 2, "lowPrice": 1, "volume": 3},
                  {"endTime": "soon", "openPrice": 1, "highPrice": 2, "lowPrice": 1, "closePrice": 2, "volume": 3},
                  {"endTime": 1678731299999, "openPrice": "1.50", "highPrice": 2, "lowPrice": 1, "closePrice": 2, "volume": 3, "extra": {"a": [1]}},
                  {"endTime": 1678731600000, "openPrice": 1, "highPrice": 2, "lowPrice": 1, "closePrice": 2, "volume": 3},
                  {"endTime": 1678731899999, "openPrice": 1, "highPrice": 2,
                """;
        ReplayReader reader = new ReplayReader("test.json", jsonRows(json), 0);

        assertThat(readAll(reader)).extracting(e -> ((Bar) e).open())
                .containsExactly(new BigDecimal("1"), new BigDecimal("1.5"));
        assertThat(reader.skipReasons()).extracting(SkippedRow::toString).containsExactly(
                "line 3: bar has no closePrice",
                "line 4: endTime is not epoch milliseconds: 'soon'",
                "line 6: bar open time 2023-03-13T18:15:00.001Z is not aligned to UTC 300s boundaries");
        assertThat(reader.failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("line 8: broken JSON: Unexpected end-of-input")
                .endsWith("; the rest of test.json was not read"));
    }

    @Test
    void jsonWithoutAnOhlcArrayFailsAtOnce() {
        ReplayReader reader = new ReplayReader("test.json", jsonRows("{\"name\": \"x\", \"bars\": []}"), 0);

        assertThat(reader.hasNext()).isFalse();
        assertThat(reader.failure()).hasValue("line 1: the document has no \"ohlc\" array; the rest of test.json was not read");
    }

    @Test
    void openingAfterSeqNYieldsEventNPlusOneFirstWithTheSameNumbering() throws IOException {
        ReplaySource btc = ReplaySource.resolve("btc-trades-2013", AssetClass.SPOT);
        MarketEvent expected;
        try (ReplayReader full = btc.open()) {
            for (int i = 0; i < 50_000; i++) full.next();
            expected = full.next();
        }
        try (ReplayReader resumed = btc.open(50_000)) {
            assertThat(resumed.next()).isEqualTo(expected);
        }

        // Skipped rows before the resume point do not shift the numbering.
        Path file = write("XRPUSDT.csv", """
                timestamp,price,amount
                1700000000,1,1
                bad,1,1
                1700000001,2,1
                1700000002,3,1
                """);
        ReplaySource csv = ReplaySource.resolve(file.toString(), AssetClass.SPOT);
        try (ReplayReader resumed = csv.open(1)) {
            assertThat(readAll(resumed)).extracting(MarketEvent::seq, e -> ((Tick) e).price())
                    .containsExactly(tuple(2L, new BigDecimal("2")),
                            tuple(3L, new BigDecimal("3")));
            assertThat(resumed.skippedRows()).isEqualTo(1);
        }
        try (ReplayReader pastTheEnd = csv.open(3)) {
            assertThat(pastTheEnd.hasNext()).isFalse();
            assertThatThrownBy(pastTheEnd::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThatThrownBy(() -> csv.open(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedReaderHasNoMoreEvents() {
        ReplayReader reader = ReplaySource.resolve("eth-5m-2023", AssetClass.SPOT).open();
        reader.next();
        reader.close();
        reader.close();

        assertThat(reader.hasNext()).isFalse();
        assertThat(reader.failure()).isEmpty();
    }

    @Test
    void anUnknownSourceNamesTheBuiltIns() {
        assertThatThrownBy(() -> ReplaySource.resolve("btc-trades-2014", AssetClass.SPOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown replay source 'btc-trades-2014': expected one of the built-ins "
                        + "btc-trades-2013, eth-5m-2023 or the path of an existing CSV file");
    }

    @Test
    void aFileWithoutAKnownHeaderOrAnInferableTimeframeIsRejectedAtResolve() throws IOException {
        String noHeader = write("A.csv", "1700000000,1,1\n").toString();
        assertThatThrownBy(() -> ReplaySource.resolve(noHeader, AssetClass.SPOT))
                .hasMessage("The first row of replay file " + noHeader + " must be the header 'timestamp,price,amount'"
                        + " (trades) or 'timestamp,open,high,low,close,volume' (bars), got '1700000000,1,1'");

        String empty = write("B.csv", "").toString();
        assertThatThrownBy(() -> ReplaySource.resolve(empty, AssetClass.SPOT)).hasMessageEndingWith("got an empty file");

        String oneBar = write("C.csv", "timestamp,open,high,low,close,volume\n1700000040,1,1,1,1,1\n").toString();
        assertThatThrownBy(() -> ReplaySource.resolve(oneBar, AssetClass.SPOT))
                .hasMessage("Cannot infer the bar timeframe of " + oneBar
                        + ": its first 100 rows hold no two bars with increasing timestamps");

        String misaligned = write("D.csv", "timestamp,open,high,low,close,volume\n"
                + "1700000010,1,1,1,1,1\n1700000070,1,1,1,1,1\n").toString();
        assertThatThrownBy(() -> ReplaySource.resolve(misaligned, AssetClass.SPOT))
                .hasMessage("The bars of " + misaligned + " are not aligned to UTC 60s boundaries: "
                        + "the first opens at 2023-11-14T22:13:30Z");

        assertThatThrownBy(() -> ReplaySource.resolve(dir.toString(), AssetClass.SPOT))
                .hasMessage("Replay source " + dir.toAbsolutePath() + " is not a file");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static JsonBarRows jsonRows(String json) {
        try {
            return new JsonBarRows(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "ETHUSD",
                    AssetClass.SPOT, 300);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<MarketEvent> readAll(ReplayReader reader) {
        List<MarketEvent> events = new ArrayList<>();
        reader.forEachRemaining(events::add);
        return events;
    }

    private static Bar bar(String symbol, int tf, long openTimeMs, String o, String h, String l, String c, String v,
                           long seq) {
        return new Bar(symbol, AssetClass.SPOT, tf, openTimeMs, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), new BigDecimal(v), seq, false);
    }
}
