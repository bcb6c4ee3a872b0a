package dev.meridian.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.AssetClass;
import dev.meridian.core.MarketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bars of the ta4j-examples JSON layout, read with a streaming parser so only one bar is in memory:
 * <pre>{"name": ..., "ohlc": [{"endTime": epochMs, "openPrice": ..., "highPrice": ..., "lowPrice": ...,
 *   "closePrice": ..., "volume": ..., "amount": ...}, ...]}</pre>
 * {@code endTime} is the bar's last millisecond (inclusive), so a bar opens at
 * {@code endTime + 1 - timeframe}. Other fields ({@code name}, {@code amount}) are ignored.
 * Prices may be JSON numbers or numeric strings; either way the exact decimal text is kept.
 */
final class JsonBarRows implements RowSource {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> PRICE_FIELDS =
            List.of("openPrice", "highPrice", "lowPrice", "closePrice", "volume");

    private final JsonParser parser;
    private final String symbol;
    private final AssetClass assetClass;
    private final int timeframeSec;
    private boolean inArray;
    private long line = 1;

    JsonBarRows(InputStream in, String symbol, AssetClass assetClass, int timeframeSec) throws IOException {
        this.parser = JSON.createParser(in);
        this.symbol = symbol;
        this.assetClass = assetClass;
        this.timeframeSec = timeframeSec;
    }

    @Override
    public MarketEvent next(long seq) throws RowException, IOException {
        try {
            return read(seq);
        } catch (JsonProcessingException e) {
            // The original message without the location suffix: the reader reports the line itself.
            if (e.getLocation() != null) line = e.getLocation().getLineNr();
            throw new IOException("broken JSON: " + e.getOriginalMessage(), e);
        }
    }

    private MarketEvent read(long seq) throws RowException, IOException {
        if (!inArray) {
            enterOhlcArray();
            inArray = true;
        }
        JsonToken token = parser.nextToken();
        line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.END_ARRAY) return null;
        // Jackson reports the end of input inside an array as an error; this guard keeps a null
        // from being taken, again and again, for an element that is not an object.
        if (token == null) throw new IOException("the \"ohlc\" array is not closed");
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new RowException("an \"ohlc\" element is not an object");
        }
        // Read the whole element before judging it, so a bad bar leaves the parser at the next one.
        Map<String, String> fields = new HashMap<>();
        for (token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isScalarValue()) {
                fields.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        return bar(fields, seq);
    }

    private MarketEvent bar(Map<String, String> fields, long seq) throws RowException {
        String endTime = required(fields, "endTime");
        long lastMsOffset = timeframeSec * 1000L - 1;
        long endTimeMs = epochMs(endTime);
        // Subtracting (not adding 1 first) cannot overflow; a bar may not open before 1970.
        if (endTimeMs < lastMsOffset) throw new RowException("endTime " + endTime + " puts the bar's open before 1970");
        long openTimeMs = endTimeMs - lastMsOffset;
        for (String name : PRICE_FIELDS) required(fields, name);
        return Values.bar(symbol, assetClass, timeframeSec, openTimeMs,
                Values.positive("openPrice", fields.get("openPrice")),
                Values.positive("highPrice", fields.get("highPrice")),
                Values.positive("lowPrice", fields.get("lowPrice")),
                Values.positive("closePrice", fields.get("closePrice")),
                Values.nonNegative("volume", fields.get("volume")), seq);
    }

    private static long epochMs(String text) throws RowException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RowException("endTime is not epoch milliseconds: '" + text + "'");
        }
    }

    private static String required(Map<String, String> fields, String name) throws RowException {
        String value = fields.get(name);
        if (value == null) throw new RowException("bar has no " + name);
        return value;
    }

    /** Moves to the first bar: past the opening brace and any fields before {@code "ohlc"}. */
    private void enterOhlcArray() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) throw new IOException("the document is not a JSON object");
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            boolean ohlc = "ohlc".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (ohlc) {
                if (value != JsonToken.START_ARRAY) throw new IOException("\"ohlc\" is not an array");
                return;
            }
            parser.skipChildren();
        }
        throw new IOException("the document has no \"ohlc\" array");
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
