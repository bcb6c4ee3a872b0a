package dev.meridian.exchange.bybit.parse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarked frames: the test fixtures under {@code src/test/resources/bybit/}, re-serialised
 * without whitespace as Bybit sends them (key order and string values kept).
 */
final class Frames {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Linear {@code tickers.BTCUSDT} snapshot, all 20 fields. */
    static final String TICKER_SNAPSHOT = compact("linear-ticker-snapshot.json");
    /** Linear {@code tickers.BTCUSDT} delta, the common case after the first frame. */
    static final String TICKER_DELTA = compact("linear-ticker-delta.json");
    /** Linear {@code publicTrade.BTCUSDT} carrying one trade. */
    static final String TRADE = oneTrade();
    /** Linear {@code orderbook.50.BTCUSDT} snapshot, 50 bids and 50 asks. */
    static final String BOOK_50_SNAPSHOT = compact("orderbook-50-snapshot.json");

    private Frames() {
    }

    private static String compact(String fixture) {
        return tree(fixture).toString();
    }

    private static String oneTrade() {
        JsonNode frame = tree("linear-trade.json");
        ((ArrayNode) frame.get("data")).remove(1);
        return frame.toString();
    }

    private static JsonNode tree(String fixture) {
        try (InputStream in = Frames.class.getResourceAsStream("/bybit/" + fixture)) {
            if (in == null) throw new IllegalStateException("fixture " + fixture + " is not on the classpath");
            return MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
