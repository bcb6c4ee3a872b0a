package dev.meridian.config;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One JSON object of a configuration file, read field by field. Every reader reports a problem
 * naming the file and JSON path ({@code policies/sizing_policy.json: global.max_risk_pct must be a
 * number in (0, 0.1], got "abc"}) and returns {@code null}, so a parser reads every field, collects
 * every problem, and builds records only from sections whose problem count did not grow.
 *
 * <p>Keys that no reader asked for are reported by {@link #warnUnknownKeys()} as warnings: they are
 * usually typos of optional settings.
 */
final class JsonSection {
    private final String file;
    private final String path; // "" at the document root
    private final JsonObject json;
    private final Problems problems;
    private final boolean silent;
    private final Set<String> seen = new HashSet<>();

    private JsonSection(String file, String path, JsonObject json, Problems problems, boolean silent) {
        this.file = file;
        this.path = path;
        this.json = json;
        this.problems = problems;
        this.silent = silent;
    }

    static JsonSection root(String file, JsonObject json, Problems problems) {
        return new JsonSection(file, "", json, problems, false);
    }

    /**
     * Stands in for a file that could not be read (its problem is already reported): every field
     * reads as absent and nothing more is reported about the file, so the environment variables
     * that override it are still checked.
     */
    static JsonSection unreadable(String file, Problems problems) {
        return new JsonSection(file, "", new JsonObject(), problems, true);
    }

    String pathOf(String key) { return path.isEmpty() ? key : path + "." + key; }

    boolean has(String key) {
        seen.add(key);
        return json.containsKey(key);
    }

    /** A problem about {@code key}: "file: path.key message". */
    void problem(String key, String message) {
        if (!silent) problems.problem(file + ": " + pathOf(key) + " " + message);
    }

    /** A problem about this section as a whole: "file: path: message" (or "file: message" at the root). */
    void problem(String message) {
        if (!silent) problems.problem(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    void warning(String key, String message) {
        problems.warning(file + ": " + pathOf(key) + " " + message);
    }

    /**
     * Runs a record constructor; its {@link IllegalArgumentException} (a cross-field rule such as
     * "max_risk_pct_good_setup must be >= max_risk_pct") becomes a problem of this section. By
     * convention such messages start with a field name relative to the record, so prefixing this
     * section's path yields the full JSON path.
     */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            problems.problem(file + ": " + (path.isEmpty() ? "" : path + ".") + e.getMessage());
            return null;
        }
    }

    void warnUnknownKeys() {
        for (String key : json.fieldNames()) {
            if (!seen.contains(key)) warning(key, "is not a known setting and is ignored");
        }
    }

    /** The raw value, or a sentinel after reporting "is missing". JSON null is a value (of the wrong type). */
    private Object value(String key) {
        if (!has(key)) {
            problem(key, "is missing");
            return MISSING;
        }
        return json.getValue(key);
    }

    private static final Object MISSING = new Object();

    Boolean bool(String key) {
        Object v = value(key);
        if (v == MISSING) return null;
        if (!(v instanceof Boolean b)) {
            problem(key, "must be true or false, got " + show(v));
            return null;
        }
        return b;
    }

    JsonSection object(String key) {
        Object v = value(key);
        if (v == MISSING) return null;
        if (!(v instanceof JsonObject o)) {
            problem(key, "must be an object, got " + show(v));
            return null;
        }
        return new JsonSection(file, pathOf(key), o, problems, false);
    }

    BigDecimal decimal(String key, Range range) {
        Object v = value(key);
        return v == MISSING ? null : decimal(pathOf(key), v, range);
    }

    /** {@code defaultValue} when absent; null (after a problem) when present but invalid. */
    BigDecimal decimalOr(String key, Range range, BigDecimal defaultValue) {
        return has(key) ? decimal(key, range) : defaultValue;
    }

    Integer integer(String key, Range range) {
        BigDecimal d = decimal(key, range);
        return d == null ? null : d.intValueExact();
    }

    /** A score or ratio: read exactly, range-checked, then handed out as a double. */
    Double real(String key, Range range) {
        BigDecimal d = decimal(key, range);
        return d == null ? null : d.doubleValue();
    }

    String string(String key) {
        Object v = value(key);
        if (v == MISSING) return null;
        if (!(v instanceof String s) || s.isBlank()) {
            problem(key, "must be a non-empty string, got " + show(v));
            return null;
        }
        return s;
    }

    /** A string parsed by {@code parser}, whose {@link IllegalArgumentException} message is the requirement. */
    <T> T parsed(String key, Function<String, T> parser) {
        String s = string(key);
        if (s == null) return null;
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage() + ", got " + show(s));
            return null;
        }
    }

    URI url(String key, Set<String> schemes) { return parsed(key, s -> Values.url(s, schemes)); }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        Object v = value(key);
        return v == MISSING ? null : enumValue(pathOf(key), v, type);
    }

    /** A list of distinct enum names; empty lists are refused unless {@code allowEmpty}. */
    <E extends Enum<E>> Set<E> enumSet(String key, Class<E> type, boolean allowEmpty) {
        JsonArray array = array(key, allowEmpty, "names from " + names(type));
        if (array == null) return null;
        EnumSet<E> set = EnumSet.noneOf(type);
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            E e = enumValue(pathOf(key) + "[" + i + "]", array.getValue(i), type);
            if (e == null) {
                ok = false;
            } else if (!set.add(e)) {
                problem(key + "[" + i + "]", "repeats " + e);
                ok = false;
            }
        }
        return ok ? Collections.unmodifiableSet(set) : null;
    }

    List<Integer> integers(String key, Range range) {
        JsonArray array = array(key, false, "integers");
        if (array == null) return null;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            BigDecimal d = decimal(pathOf(key) + "[" + i + "]", array.getValue(i), range);
            if (d != null) out.add(d.intValueExact());
        }
        return out.size() == array.size() ? List.copyOf(out) : null;
    }

    /** A non-empty list of distinct non-blank strings. */
    List<String> strings(String key) {
        JsonArray array = array(key, false, "strings");
        if (array == null) return null;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object v = array.getValue(i);
            if (!(v instanceof String str) || str.isBlank()) {
                problems.problem(file + ": " + pathOf(key) + "[" + i + "] must be a non-empty string, got " + show(v));
            } else if (out.contains(str)) {
                problems.problem(file + ": " + pathOf(key) + "[" + i + "] repeats \"" + str + "\"");
            } else {
                out.add(str);
            }
        }
        return out.size() == array.size() ? List.copyOf(out) : null;
    }

    List<JsonSection> objects(String key) {
        JsonArray array = array(key, false, "objects");
        if (array == null) return null;
        List<JsonSection> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = pathOf(key) + "[" + i + "]";
            if (array.getValue(i) instanceof JsonObject o) {
                out.add(new JsonSection(file, p, o, problems, false));
            } else {
                problems.problem(file + ": " + p + " must be an object, got " + show(array.getValue(i)));
            }
        }
        return out.size() == array.size() ? out : null;
    }

    /**
     * This section read as a map keyed by enum names ({@code "SPOT": {...}}): each present key
     * that names a constant becomes a child section; a member of {@code required} that is absent is
     * a problem; other keys are left to {@link #warnUnknownKeys()}.
     */
    <E extends Enum<E>> Map<E, JsonSection> byEnumKey(Class<E> type, Set<E> required) {
        Map<E, JsonSection> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            if (json.containsKey(e.name())) {
                JsonSection child = object(e.name());
                if (child != null) out.put(e, child);
            } else if (required.contains(e)) {
                problem(e.name(), "is missing");
            }
        }
        return out;
    }

    private JsonArray array(String key, boolean allowEmpty, String of) {
        Object v = value(key);
        if (v == MISSING) return null;
        if (!(v instanceof JsonArray a) || (!allowEmpty && a.isEmpty())) {
            problem(key, "must be a " + (allowEmpty ? "" : "non-empty ") + "list of " + of + ", got " + show(v));
            return null;
        }
        return a;
    }

    private BigDecimal decimal(String fullPath, Object v, Range range) {
        BigDecimal d = toDecimal(v);
        if (d == null || !range.contains(d)) {
            problems.problem(file + ": " + fullPath + " " + range.requirement() + ", got " + show(v));
            return null;
        }
        return d;
    }

    private <E extends Enum<E>> E enumValue(String fullPath, Object v, Class<E> type) {
        if (v instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(s)) return e;
            }
        }
        problems.problem(file + ": " + fullPath + " must be one of " + names(type) + ", got " + show(v));
        return null;
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * An exact decimal for any JSON number (StrictJson gives BigDecimal; a plain JsonObject gives
     * Double), in canonical form: no trailing fractional zeros, never a negative scale. So "0.10" and
     * "0.1" read equal under {@code equals}, as record equality needs, and print as written.
     */
    static BigDecimal toDecimal(Object v) {
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof BigInteger i) {
            d = new BigDecimal(i);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            // A double's shortest decimal form is the literal it was parsed from for up to 15 significant digits.
            d = new BigDecimal(v.toString());
        } else {
            return null;
        }
        d = d.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** A value as it appears in a message: strings quoted, containers named rather than dumped. */
    static String show(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return Json.encode(s.length() > 60 ? s.substring(0, 60) + "..." : s);
        if (v instanceof JsonObject) return "an object";
        if (v instanceof JsonArray) return "a list";
        BigDecimal d = toDecimal(v);
        return d != null ? d.toPlainString() : String.valueOf(v);
    }
}
