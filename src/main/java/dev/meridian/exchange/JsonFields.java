package dev.meridian.exchange;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/**
 * Typed reads of a venue's JSON (Bybit's and OANDA's) that name the offending JSON path instead of
 * returning null or throwing a NullPointerException or ClassCastException. Both venues send
 * decimals as strings, read exactly (a JSON number is refused: a double may already have rounded
 * it), and Bybit uses {@code ""} for "no value" (e.g. {@code predictedDeliveryPrice}), so the
 * optional readers treat an absent key, JSON null and {@code ""} alike.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** A field that is missing or does not parse; each adapter turns it into its own response error. */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public final String field;
        public final String problem;

        public Malformed(String field, String problem) {
            super(field + " " + problem, null, false, false);
            this.field = field;
            this.problem = problem;
        }
    }

    public static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    public static JsonObject object(JsonObject o, String key, String path) {
        Object v = required(o, key, path);
        if (v instanceof JsonObject j) return j;
        throw new Malformed(at(path, key), "is not an object: " + describe(v));
    }

    public static JsonArray array(JsonObject o, String key, String path) {
        Object v = required(o, key, path);
        if (v instanceof JsonArray a) return a;
        throw new Malformed(at(path, key), "is not an array: " + describe(v));
    }

    public static JsonObject objectAt(JsonArray a, int i, String path) {
        Object v = a.getValue(i);
        if (v instanceof JsonObject j) return j;
        throw new Malformed(at(path, i), "is not an object: " + describe(v));
    }

    public static JsonArray arrayAt(JsonArray a, int i, String path) {
        Object v = a.getValue(i);
        if (v instanceof JsonArray j) return j;
        throw new Malformed(at(path, i), "is not an array: " + describe(v));
    }

    /** A required non-empty string. */
    public static String text(JsonObject o, String key, String path) {
        String s = optText(o, key, path);
        if (s == null) throw new Malformed(at(path, key), absence(o, key));
        return s;
    }

    /** A string, or null when absent, JSON null or empty. */
    public static String optText(JsonObject o, String key, String path) {
        Object v = o.getValue(key);
        if (v == null) return null;
        if (v instanceof String s) return s.isEmpty() ? null : s;
        throw new Malformed(at(path, key), "is not a string: " + describe(v));
    }

    public static BigDecimal decimal(JsonObject o, String key, String path) {
        BigDecimal d = optDecimal(o, key, path);
        if (d == null) throw new Malformed(at(path, key), absence(o, key));
        return d;
    }

    public static BigDecimal optDecimal(JsonObject o, String key, String path) {
        String s = optText(o, key, path);
        return s == null ? null : decimal(s, at(path, key));
    }

    /** An exact decimal from its string form; JSON numbers are refused since a double may already have rounded them. */
    public static BigDecimal decimal(String s, String field) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new Malformed(field, "is not a decimal: \"" + s + "\"");
        }
    }

    /** A required integer sent either as a JSON number or as a string of digits (Bybit does both for times). */
    public static long integer(JsonObject o, String key, String path) {
        Object v = required(o, key, path);
        return integer(v, at(path, key));
    }

    public static long integer(Object v, String field) {
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new Malformed(field, "is not an integer: \"" + s + "\"");
            }
        }
        throw new Malformed(field, "is not an integer: " + describe(v));
    }

    /** The value at {@code key}, which must be present and not JSON null. */
    public static Object required(JsonObject o, String key, String path) {
        Object v = o.getValue(key);
        if (v == null) throw new Malformed(at(path, key), absence(o, key));
        return v;
    }

    private static String absence(JsonObject o, String key) {
        if (!o.containsKey(key)) return "is missing";
        return o.getValue(key) == null ? "is null" : "is empty";
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        String s = v instanceof String str ? "\"" + str + "\"" : v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static final int SNIPPET_CHARS = 200;

    /** A response body as a JSON object, or {@link Malformed} quoting the start of what came instead. */
    public static JsonObject jsonObject(Buffer body) {
        if (body == null || body.length() == 0) throw new Malformed("body", "is empty");
        Object v;
        try {
            v = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new Malformed("body", "is not JSON: " + snippet(body));
        }
        if (v instanceof JsonObject o) return o;
        throw new Malformed("body", "is not a JSON object: " + snippet(body));
    }

    /** The first characters of a body, for error messages. */
    public static String snippet(Buffer body) {
        if (body == null) return "";
        String s = body.toString().strip();
        return s.length() > SNIPPET_CHARS ? s.substring(0, SNIPPET_CHARS) + "..." : s;
    }
}
