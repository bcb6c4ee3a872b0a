package dev.meridian.config;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables Meridian reads (DESIGN.md "Environment"). Where a variable has a
 * counterpart in {@code conf/meridian.json} the variable wins. Credentials are read only from here,
 * never from files in the repository.
 *
 * <p>A value is trimmed, and a variable that is empty after trimming counts as unset, so
 * {@code MERIDIAN_PG_URL=} in a shell script means "embedded database" rather than "invalid URL".
 */
public enum EnvVar {
    MERIDIAN_HTTP_HOST(false),
    MERIDIAN_HTTP_PORT(false),
    MERIDIAN_STATE_DIR(false),
    MERIDIAN_TELEMETRY_DIR(false),
    /** Holds the database password, hence secret. */
    MERIDIAN_PG_URL(true),
    MERIDIAN_DASHBOARD_TOKEN(true),
    MERIDIAN_BYBIT_REST_URL(false),
    MERIDIAN_BYBIT_WS_URL(false),
    MERIDIAN_BYBIT_WS_PRIVATE_URL(false),
    MERIDIAN_BYBIT_API_KEY(true),
    MERIDIAN_BYBIT_API_SECRET(true),
    MERIDIAN_OANDA_URL(false),
    MERIDIAN_OANDA_STREAM_URL(false),
    MERIDIAN_OANDA_TOKEN(true),
    MERIDIAN_OANDA_ACCOUNT(false),
    MERIDIAN_TELEGRAM_API_URL(false),
    MERIDIAN_TELEGRAM_TOKEN(true),
    MERIDIAN_TELEGRAM_CHAT_ID(false);

    private final boolean secret;

    EnvVar(boolean secret) { this.secret = secret; }

    /** True when the value must never appear in a message, log line or API answer. */
    public boolean isSecret() { return secret; }

    /** The trimmed value, or empty when the variable is unset or blank. */
    public Optional<String> read(Map<String, String> env) {
        String v = env.get(name());
        if (v == null || v.isBlank()) return Optional.empty();
        return Optional.of(v.trim());
    }
}
