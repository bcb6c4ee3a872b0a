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
    MERIDIAN_HTTP_HOST,
    MERIDIAN_HTTP_PORT,
    MERIDIAN_STATE_DIR,
    MERIDIAN_TELEMETRY_DIR,
    MERIDIAN_PG_URL,
    MERIDIAN_DASHBOARD_TOKEN,
    MERIDIAN_BYBIT_REST_URL,
    MERIDIAN_BYBIT_WS_URL,
    MERIDIAN_BYBIT_WS_PRIVATE_URL,
    MERIDIAN_BYBIT_API_KEY,
    MERIDIAN_BYBIT_API_SECRET,
    MERIDIAN_OANDA_URL,
    MERIDIAN_OANDA_STREAM_URL,
    MERIDIAN_OANDA_TOKEN,
    MERIDIAN_OANDA_ACCOUNT,
    MERIDIAN_TELEGRAM_API_URL,
    MERIDIAN_TELEGRAM_TOKEN,
    MERIDIAN_TELEGRAM_CHAT_ID;

    /** The trimmed value, or empty when the variable is unset or blank. */
    public Optional<String> read(Map<String, String> env) {
        String v = env.get(name());
        if (v == null || v.isBlank()) return Optional.empty();
        return Optional.of(v.trim());
    }
}
