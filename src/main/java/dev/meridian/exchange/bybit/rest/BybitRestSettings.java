package dev.meridian.exchange.bybit.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the REST client talks to Bybit.
 *
 * @param baseUrl        REST base without a trailing slash, {@code https://api.bybit.com} in production,
 *                       {@code http://127.0.0.1:PORT} against a local fake
 * @param requestTimeout longest wait for response data on one attempt; shorter fails over to a retry
 *                       sooner, longer tolerates Bybit's slow periods (its docs warn instruments-info
 *                       can lag under extreme volatility)
 * @param maxAttempts    attempts per call, first included, for retryable failures only; more rides out
 *                       longer outages but delays the caller's error by up to the sum of the backoffs
 * @param backoffBase    wait before the second attempt, doubled for each further one; Bybit's
 *                       per-UID window is one second, so much less than that mostly hits the limit again
 * @param backoffMax     cap on any single wait, including one asked for by
 *                       {@code X-Bapi-Limit-Reset-Timestamp}; keeps a skewed clock or a far reset
 *                       time from stalling the caller
 */
public record BybitRestSettings(URI baseUrl, Duration requestTimeout, int maxAttempts, Duration backoffBase,
                                Duration backoffMax) {
    public BybitRestSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got " + baseUrl);
        }
        if (baseUrl.toString().endsWith("/")) {
            throw new IllegalArgumentException("baseUrl must not end with '/', got " + baseUrl);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be > 0, got " + requestTimeout);
        }
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("need 0 <= backoffBase <= backoffMax, got " + backoffBase
                    + " and " + backoffMax);
        }
    }

    /** Production defaults: 10 s per attempt, 4 attempts, waits of 0.5, 1 and 2 s (never more than 10 s). */
    public static BybitRestSettings defaults(URI baseUrl) {
        return new BybitRestSettings(baseUrl, Duration.ofSeconds(10), 4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }
}
