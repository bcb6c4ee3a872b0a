package dev.meridian.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The repository's shipped conf/ and policies/ as fresh, mutable documents (tests run in the project directory). */
final class Shipped {
    static final Path WORK_DIR = Path.of("").toAbsolutePath();
    /** Marks a field to delete in {@link #with}. */
    static final Object REMOVE = new Object();

    private Shipped() {}

    static JsonObject conf() { return read(Path.of("conf/meridian.json")); }

    static Map<String, JsonObject> policies() {
        Map<String, JsonObject> out = new HashMap<>();
        for (String name : ConfigParser.POLICY_FILES) out.put(name, read(Path.of("policies", name)));
        return out;
    }

    static JsonObject policy(String name) { return read(Path.of("policies", name)); }

    static JsonObject read(Path p) {
        try {
            return StrictJson.parseObject(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfigResult parse(JsonObject conf, Map<String, JsonObject> policies, Map<String, String> env) {
        return ConfigParser.parse(WORK_DIR, conf, policies, env);
    }

    /** The shipped configuration with one policy file replaced. */
    static ConfigResult parseWithPolicy(String name, JsonObject policy) {
        Map<String, JsonObject> policies = policies();
        policies.put(name, policy);
        return parse(conf(), policies, Map.of());
    }

    /**
     * {@code doc} with the value at a dotted path ("global.max_risk_pct", "leverage_tiers.0.SCALP")
     * set to {@code value}, or removed when it is {@link #REMOVE}.
     */
    static JsonObject with(JsonObject doc, String path, Object value) {
        String[] parts = path.split("\\.");
        Object node = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node instanceof JsonArray a ? a.getValue(Integer.parseInt(parts[i])) : ((JsonObject) node).getValue(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (node instanceof JsonArray a) {
            a.set(Integer.parseInt(last), value);
        } else if (value == REMOVE) {
            ((JsonObject) node).remove(last);
        } else {
            ((JsonObject) node).put(last, value);
        }
        return doc;
    }
}
