package dev.meridian.exchange.bybit.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the field names of one kind of JSON object, guessing each from the name before it as
 * learned from earlier frames. A guess is checked against the raw input by
 * {@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}, which skips the
 * parser's symbol-table lookup, the largest single cost of streaming a small frame. Bybit writes
 * each message's keys in a fixed order per market, so after the first frame nearly every guess
 * hits; a miss costs one comparison and learns the new order. The order only speeds reading up:
 * the names returned are always the ones in the input. Not thread-safe.
 */
final class FieldNames {
    /** Learning stops at this many names, so a feed of ever-new names cannot grow the map without bound. */
    private static final int MAX_NAMES = 256;

    private final Map<String, SerializedString> next = new HashMap<>();

    /**
     * Advances to the next field of the object being read and returns its name, or null at the
     * object's end. {@code previous} is the name of the field before it, null for the first.
     */
    String next(JsonParser p, String previous) throws IOException {
        SerializedString guess = next.get(previous);
        if (guess != null) {
            if (p.nextFieldName(guess)) return guess.getValue();
            if (p.currentToken() != JsonToken.FIELD_NAME) return null;
        } else if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = p.currentName();
        if (next.size() < MAX_NAMES || next.containsKey(previous)) next.put(previous, new SerializedString(name));
        return name;
    }
}
