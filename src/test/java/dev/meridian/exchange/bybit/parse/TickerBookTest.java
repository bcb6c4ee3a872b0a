package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Category;
import dev.meridian.core.Ticker;
import dev.meridian.exchange.bybit.parse.BybitFrame.TickerUpdate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static dev.meridian.exchange.bybit.parse.BybitFrameDecoderTest.decode;
import static dev.meridian.exchange.bybit.parse.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickerBookTest {
    private final BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
    private final TickerBook book = new TickerBook(Category.LINEAR);

    private TickerUpdate update(String fixture) {
        return decode(decoder, frame(fixture), TickerUpdate.class);
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    @Test
    void deltaIsMergedFieldByFieldOntoTheSnapshot() {
        book.apply(update("linear-ticker-snapshot.json"));
        Optional<Ticker> merged = book.apply(update("linear-ticker-delta.json"));
        Ticker expected = new Ticker(Category.LINEAR, "BTCUSDT", 1718110000223L,
                dec("64211.00"), dec("64210.90"), dec("64211.00"), // changed by the delta
                dec("64572.845"), dec("4122375813.221930"), dec("64212.15"), dec("64230.88"), // kept
                dec("-0.000012"), // changed
                null, null, null, null, null); // never sent by linear
        assertThat(merged).contains(expected);
        assertThat(book.get("BTCUSDT")).contains(expected);
    }

    @Test
    void successiveDeltasAccumulate() {
        book.apply(update("linear-ticker-snapshot.json"));
        book.apply(update("linear-ticker-delta.json"));
        String second = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"markPrice\":\"64213.01\",\"volume24h\":\"64573.000\"},\"cs\":184209771600,\"ts\":1718110000323}";
        Ticker ticker = book.apply(decode(decoder, second, TickerUpdate.class)).orElseThrow();
        assertThat(ticker.timeMs()).isEqualTo(1718110000323L);
        assertThat(ticker.markPrice()).isEqualTo(dec("64213.01"));
        assertThat(ticker.volume24h()).isEqualTo(dec("64573.000"));
        assertThat(ticker.lastPrice()).isEqualTo(dec("64211.00")); // from the first delta
        assertThat(ticker.indexPrice()).isEqualTo(dec("64230.88")); // from the snapshot
    }

    @Test
    void aNewSnapshotReplacesEverything() {
        book.apply(update("linear-ticker-snapshot.json"));
        book.apply(update("linear-ticker-delta.json"));
        String sparse = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"lastPrice\":\"64000.00\"},\"ts\":1718110009000}";
        Ticker ticker = book.apply(decode(decoder, sparse, TickerUpdate.class)).orElseThrow();
        assertThat(ticker.lastPrice()).isEqualTo(dec("64000.00"));
        assertThat(ticker.bid1Price()).isNull();
        assertThat(ticker.fundingRate()).isNull();
    }

    @Test
    void deltaWithoutSnapshotIsCountedAndDropped() {
        assertThat(book.apply(update("linear-ticker-delta.json"))).isEmpty();
        assertThat(book.get("BTCUSDT")).isEmpty();
        assertThat(book.deltasWithoutSnapshot()).isEqualTo(1);

        book.apply(update("linear-ticker-snapshot.json"));
        assertThat(book.apply(update("linear-ticker-delta.json"))).isPresent();
        assertThat(book.deltasWithoutSnapshot()).isEqualTo(1);
    }

    @Test
    void symbolsAreKeptApart() {
        book.apply(update("linear-ticker-snapshot.json"));
        String ethDelta = frame("linear-ticker-delta.json").replace("BTCUSDT", "ETHUSDT");
        assertThat(book.apply(decode(decoder, ethDelta, TickerUpdate.class))).isEmpty();
        assertThat(book.get("BTCUSDT").orElseThrow().lastPrice()).isEqualTo(dec("64210.40"));
    }

    @Test
    void spotAndOptionSnapshotsPassThrough() {
        TickerBook options = new TickerBook(Category.OPTION);
        TickerUpdate update = decode(new BybitFrameDecoder(Category.OPTION), frame("option-ticker-snapshot.json"),
                TickerUpdate.class);
        assertThat(options.apply(update)).contains(update.values());
    }

    @Test
    void anUpdateOfAnotherCategoryIsAWiringBug() {
        TickerUpdate spot = decode(new BybitFrameDecoder(Category.SPOT), frame("spot-ticker-snapshot.json"),
                TickerUpdate.class);
        assertThatThrownBy(() -> book.apply(spot)).isInstanceOf(IllegalArgumentException.class);
    }
}
