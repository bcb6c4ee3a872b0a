package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.parse.BybitFrame.BookUpdate;
import dev.meridian.exchange.bybit.parse.OrderBook.Outcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static dev.meridian.exchange.bybit.parse.BybitFrameDecoderTest.decode;
import static dev.meridian.exchange.bybit.parse.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderBookTest {
    private final BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
    private final OrderBook book = new OrderBook("BTCUSDT", 50);

    private BookUpdate fixture(String name) {
        return decode(decoder, frame(name), BookUpdate.class);
    }

    /** A hand-made update: levels as "price:size" strings. */
    private static BookUpdate update(boolean snapshot, long u, long seq, List<String> bids, List<String> asks) {
        return new BookUpdate(Category.LINEAR, "BTCUSDT", 50, snapshot, u, seq, 1_000 + u, BookUpdate.ABSENT,
                levels(bids), levels(asks));
    }

    private static List<BookLevel> levels(List<String> levels) {
        List<BookLevel> out = new ArrayList<>();
        for (String level : levels) {
            String[] parts = level.split(":");
            out.add(new BookLevel(new BigDecimal(parts[0]), new BigDecimal(parts[1])));
        }
        return out;
    }

    private static BookLevel level(String price, String size) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(size));
    }

    @Test
    void snapshotFillsTheBookBestFirst() {
        assertThat(book.apply(fixture("orderbook-50-snapshot.json"))).isEqualTo(Outcome.RESET);
        assertThat(book.ready()).isTrue();
        assertThat(book.bidLevels()).isEqualTo(50);
        assertThat(book.askLevels()).isEqualTo(50);
        assertThat(book.bestBid()).isEqualTo(new BigDecimal("64210.30"));
        assertThat(book.bestAsk()).isEqualTo(new BigDecimal("64210.40"));
        assertThat(book.spread()).isEqualTo(new BigDecimal("0.10"));
        assertThat(book.crossed()).isFalse();
        assertThat(book.updateId()).isEqualTo(4417212L);
        assertThat(book.seq()).isEqualTo(184209771700L);
        assertThat(book.timeMs()).isEqualTo(1718110002000L);
        assertThat(book.bids(3)).extracting(BookLevel::price)
                .containsExactly(new BigDecimal("64210.30"), new BigDecimal("64210.20"), new BigDecimal("64210.10"));
        assertThat(book.asks(100)).hasSize(50);
    }

    @Test
    void deltaDeletesInsertsAndUpdates() {
        book.apply(fixture("orderbook-50-snapshot.json"));
        assertThat(book.apply(fixture("orderbook-50-delta.json"))).isEqualTo(Outcome.APPLIED);
        // 64210.30 deleted; 64210.20 updated to 5.000; 64205.35 inserted at the bottom.
        assertThat(book.bids(2)).containsExactly(level("64210.20", "5.000"), level("64210.10", "16.964"));
        assertThat(book.bids(50).get(49)).isEqualTo(level("64205.35", "0.250"));
        // 64210.40 updated; 64215.30 deleted; 64300.00 inserted at the far end.
        assertThat(book.asks(1)).containsExactly(level("64210.40", "0.100"));
        assertThat(book.asks(50).get(49)).isEqualTo(level("64300.00", "1.000"));
        assertThat(book.asks(50)).extracting(BookLevel::price).doesNotContain(new BigDecimal("64215.30"));
        assertThat(book.bidLevels()).isEqualTo(50);
        assertThat(book.askLevels()).isEqualTo(50);
        assertThat(book.updateId()).isEqualTo(4417213L);
        assertThat(book.seq()).isEqualTo(184209771712L);
    }

    @Test
    void insertsLandInPriceOrderOnBothSides() {
        book.apply(update(true, 10, 100, List.of("100:1", "98:1"), List.of("101:1", "103:1")));
        book.apply(update(false, 11, 101, List.of("99:2", "97:2", "100.5:2"), List.of("102:2", "104:2", "100.9:2")));
        assertThat(book.bids(10)).extracting(BookLevel::price).map(BigDecimal::toPlainString)
                .containsExactly("100.5", "100", "99", "98", "97");
        assertThat(book.asks(10)).extracting(BookLevel::price).map(BigDecimal::toPlainString)
                .containsExactly("100.9", "101", "102", "103", "104");
    }

    @Test
    void aSnapshotInAnyOrderIsSortedAndARepeatedPriceKeepsTheLastSize() {
        book.apply(update(true, 10, 100, List.of("98:1", "100:1", "99:1", "100:4", "97:1"),
                List.of("103:1", "101:1", "103:2", "102:1")));
        assertThat(book.bids(10)).extracting(BookLevel::price).map(BigDecimal::toPlainString)
                .containsExactly("100", "99", "98", "97");
        assertThat(book.bids(1)).containsExactly(level("100", "4"));
        assertThat(book.asks(10)).containsExactly(level("101", "1"), level("102", "1"), level("103", "2"));
    }

    @Test
    void pricesMatchByValueNotByScale() {
        book.apply(update(true, 10, 100, List.of("100.0:1"), List.of("101.0:1")));
        book.apply(update(false, 11, 101, List.of("100.00:3"), List.of("101:0")));
        assertThat(book.bidLevels()).isEqualTo(1);
        assertThat(book.bestBid()).isEqualByComparingTo("100");
        assertThat(book.bids(1).get(0).size()).isEqualByComparingTo("3");
        assertThat(book.askLevels()).isZero();
    }

    @Test
    void deletingAnUnknownPriceChangesNothing() {
        book.apply(update(true, 10, 100, List.of("100:1"), List.of("101:1")));
        assertThat(book.apply(update(false, 11, 101, List.of("99:0"), List.of("102:0")))).isEqualTo(Outcome.APPLIED);
        assertThat(book.bids(5)).containsExactly(level("100", "1"));
        assertThat(book.asks(5)).containsExactly(level("101", "1"));
    }

    @Test
    void aLaterSnapshotResetsTheBook() {
        book.apply(fixture("orderbook-50-snapshot.json"));
        assertThat(book.apply(update(true, 5, 7, List.of("64000:1"), List.of("64001:2")))).isEqualTo(Outcome.RESET);
        assertThat(book.bids(100)).containsExactly(level("64000", "1"));
        assertThat(book.asks(100)).containsExactly(level("64001", "2"));
        // A snapshot is taken whatever its u and seq: Bybit re-sends them to resynchronise.
        assertThat(book.updateId()).isEqualTo(5);
        assertThat(book.seq()).isEqualTo(7);
    }

    @Test
    void updateIdOneMeansTheServiceRestartedSoEvenADeltaOverwrites() {
        book.apply(fixture("orderbook-50-snapshot.json"));
        assertThat(book.apply(update(false, 1, 5, List.of("64100:1"), List.of("64102:1")))).isEqualTo(Outcome.RESET);
        assertThat(book.bids(100)).containsExactly(level("64100", "1"));
        assertThat(book.asks(100)).containsExactly(level("64102", "1"));
        assertThat(book.updateId()).isEqualTo(1);
        assertThat(book.apply(update(false, 2, 6, List.of("64101:1"), List.of()))).isEqualTo(Outcome.APPLIED);
        assertThat(book.bestBid()).isEqualTo(new BigDecimal("64101"));
    }

    @Test
    void aDeltaThatIsNotNewerIsStaleCountedAndIgnored() {
        book.apply(update(true, 10, 100, List.of("100:1"), List.of("101:1")));
        assertThat(book.apply(update(false, 10, 101, List.of("100:9"), List.of()))).isEqualTo(Outcome.STALE);
        assertThat(book.apply(update(false, 9, 101, List.of("100:9"), List.of()))).isEqualTo(Outcome.STALE);
        assertThat(book.apply(update(false, 11, 99, List.of("100:9"), List.of()))).isEqualTo(Outcome.STALE);
        assertThat(book.staleDeltas()).isEqualTo(3);
        assertThat(book.bids(1)).containsExactly(level("100", "1"));
        assertThat(book.updateId()).isEqualTo(10);
        // The same cross sequence with a newer u is a newer update (no trade in between).
        assertThat(book.apply(update(false, 11, 100, List.of("100:2"), List.of()))).isEqualTo(Outcome.APPLIED);
        assertThat(book.bids(1)).containsExactly(level("100", "2"));
    }

    @Test
    void withoutSeqOnlyTheUpdateIdDecides() {
        OrderBook option = new OrderBook("BTC-28JUN24-70000-C", 25);
        BybitFrameDecoder optionDecoder = new BybitFrameDecoder(Category.OPTION);
        option.apply(decode(optionDecoder, frame("orderbook-25-option-snapshot.json"), BookUpdate.class));
        String delta = "{\"topic\":\"orderbook.25.BTC-28JUN24-70000-C\",\"type\":\"delta\",\"ts\":1718110002300,"
                + "\"data\":{\"s\":\"BTC-28JUN24-70000-C\",\"b\":[[\"440\",\"0\"]],\"a\":[],\"u\":%d}}";
        assertThat(option.apply(decode(optionDecoder, delta.formatted(901877), BookUpdate.class))).isEqualTo(Outcome.STALE);
        assertThat(option.apply(decode(optionDecoder, delta.formatted(901878), BookUpdate.class))).isEqualTo(Outcome.APPLIED);
        assertThat(option.bestBid()).isEqualTo(new BigDecimal("435"));
        assertThat(option.seq()).isEqualTo(BookUpdate.ABSENT);
    }

    @Test
    void aDeltaBeforeAnySnapshotIsCountedAndIgnored() {
        assertThat(book.apply(fixture("orderbook-50-delta.json"))).isEqualTo(Outcome.NO_SNAPSHOT);
        assertThat(book.ready()).isFalse();
        assertThat(book.deltasBeforeSnapshot()).isEqualTo(1);
        assertThat(book.bidLevels()).isZero();
        assertThat(book.bestBid()).isNull();
        assertThat(book.spread()).isNull();
        assertThat(book.crossed()).isFalse();
    }

    @Test
    void crossedAndLockedBooksAreReported() {
        book.apply(update(true, 10, 100, List.of("100:1"), List.of("101:1")));
        assertThat(book.crossed()).isFalse();
        book.apply(update(false, 11, 101, List.of("101:1"), List.of()));
        assertThat(book.crossed()).as("locked").isTrue();
        assertThat(book.spread()).isEqualByComparingTo("0");
        book.apply(update(false, 12, 102, List.of("101.5:1"), List.of()));
        assertThat(book.crossed()).isTrue();
        assertThat(book.spread()).isEqualByComparingTo("-0.5");
    }

    @Test
    void levelsPushedPastTheDepthAreDropped() {
        OrderBook shallow = new OrderBook("BTCUSDT", 2);
        BookUpdate snapshot = new BookUpdate(Category.LINEAR, "BTCUSDT", 2, true, 10, 100, 1, BookUpdate.ABSENT,
                levels(List.of("100:1", "99:1")), levels(List.of("101:1", "102:1")));
        shallow.apply(snapshot);
        BookUpdate delta = new BookUpdate(Category.LINEAR, "BTCUSDT", 2, false, 11, 101, 2, BookUpdate.ABSENT,
                levels(List.of("100.5:1")), levels(List.of("100.8:1")));
        shallow.apply(delta);
        assertThat(shallow.bids(5)).extracting(BookLevel::price).map(BigDecimal::toPlainString)
                .containsExactly("100.5", "100");
        assertThat(shallow.asks(5)).extracting(BookLevel::price).map(BigDecimal::toPlainString)
                .containsExactly("100.8", "101");
    }

    @Test
    void zeroSizesInASnapshotAreNoLevels() {
        book.apply(update(true, 10, 100, List.of("100:1", "99:0"), List.of("101:0")));
        assertThat(book.bids(5)).containsExactly(level("100", "1"));
        assertThat(book.askLevels()).isZero();
    }

    @Test
    void aBookGrowsPastItsInitialCapacity() {
        OrderBook deep = new OrderBook("BTCUSDT", 200);
        List<String> bids = new ArrayList<>();
        List<String> asks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bids.add((10_000 - i) + ":1");
            asks.add((10_001 + i) + ":1");
        }
        deep.apply(new BookUpdate(Category.LINEAR, "BTCUSDT", 200, true, 1, 1, 1, BookUpdate.ABSENT, levels(bids),
                levels(asks)));
        assertThat(deep.bidLevels()).isEqualTo(200);
        assertThat(deep.bids(200).get(199).price()).isEqualByComparingTo("9801");
        assertThat(deep.asks(200).get(199).price()).isEqualByComparingTo("10200");
    }

    /** Random snapshots and deltas against a plain TreeMap model of the same rules. */
    @Test
    void agreesWithAModelOnRandomUpdates() {
        SplittableRandom random = new SplittableRandom(11);
        OrderBook small = new OrderBook("BTCUSDT", 10);
        TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        for (long u = 2; u < 5_000; u++) {
            boolean snapshot = u == 2 || random.nextInt(50) == 0;
            List<String> bidLevels = randomLevels(random, 9_900, snapshot);
            List<String> askLevels = randomLevels(random, 10_000, snapshot);
            small.apply(new BookUpdate(Category.LINEAR, "BTCUSDT", 10, snapshot, u, u, u, BookUpdate.ABSENT,
                    levels(bidLevels), levels(askLevels)));
            if (snapshot) {
                bids.clear();
                asks.clear();
            }
            applyToModel(bids, bidLevels);
            applyToModel(asks, askLevels);
            assertThat(small.bids(20)).as("bids after u=%d", u).isEqualTo(modelLevels(bids));
            assertThat(small.asks(20)).as("asks after u=%d", u).isEqualTo(modelLevels(asks));
        }
    }

    private static List<String> randomLevels(SplittableRandom random, int from, boolean snapshot) {
        List<String> out = new ArrayList<>();
        int count = snapshot ? random.nextInt(15) : random.nextInt(5);
        for (int i = 0; i < count; i++) {
            int size = snapshot ? 1 + random.nextInt(9) : random.nextInt(4);
            out.add((from + random.nextInt(100)) + ":" + size);
        }
        return out;
    }

    private static void applyToModel(TreeMap<BigDecimal, BigDecimal> side, List<String> levels) {
        for (BookLevel level : levels(levels)) {
            if (level.size().signum() == 0) side.remove(level.price());
            else side.put(level.price(), level.size());
        }
        while (side.size() > 10) side.pollLastEntry();
    }

    private static List<BookLevel> modelLevels(TreeMap<BigDecimal, BigDecimal> side) {
        List<BookLevel> out = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) out.add(new BookLevel(e.getKey(), e.getValue()));
        return out;
    }

    @Test
    void anUpdateOfAnotherStreamIsAWiringBug() {
        BookUpdate other = new BookUpdate(Category.LINEAR, "ETHUSDT", 50, true, 1, 1, 1, BookUpdate.ABSENT, List.of(),
                List.of());
        assertThatThrownBy(() -> book.apply(other)).isInstanceOf(IllegalArgumentException.class);
        BookUpdate otherDepth = new BookUpdate(Category.LINEAR, "BTCUSDT", 200, true, 1, 1, 1, BookUpdate.ABSENT,
                List.of(), List.of());
        assertThatThrownBy(() -> book.apply(otherDepth)).isInstanceOf(IllegalArgumentException.class);
        assertThat(book.ready()).isFalse();
    }
}
