package dev.meridian.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Reads a configuration document more strictly than {@code new JsonObject(text)}: decimals stay
 * exact {@link java.math.BigDecimal}s instead of passing through {@code double}, and a key written
 * twice is an error instead of silently keeping the last one (a classic way to edit the wrong copy
 * of a risk limit).
 */
final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {}

    /**
     * @return the document, which must be one JSON object
     * @throws IllegalArgumentException with a message like "is not valid JSON: Duplicate field 'port' (line 4, column 13)"
     */
    @SuppressWarnings("unchecked")
    static JsonObject parseObject(String text) {
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage() + where);
        }
        if (!(value instanceof Map)) throw new IllegalArgumentException("must hold one JSON object { ... }");
        return new JsonObject((Map<String, Object>) value);
    }
}
