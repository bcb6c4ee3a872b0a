package dev.meridian.config;

import java.util.Objects;

/**
 * Where the dashboard, REST API and metrics listen ({@code http} in conf/meridian.json,
 * {@code MERIDIAN_HTTP_HOST}/{@code MERIDIAN_HTTP_PORT}).
 *
 * @param host interface to bind; loopback by default so nothing is exposed without a decision
 * @param port TCP port, 0..65535; 0 lets the system pick a free port (the bot prints the one it got)
 */
public record HttpConfig(String host, int port) {
    static final Range PORT = Range.ints(0, 65535);

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host must be a non-empty string");
        PORT.check("port", port);
    }
}
