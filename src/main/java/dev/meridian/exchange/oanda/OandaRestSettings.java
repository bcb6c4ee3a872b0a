package dev.meridian.exchange.oanda;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the REST client talks to OANDA v20.
 *
 * @param baseUrl        REST base without a trailing slash: {@code https://api-fxpractice.oanda.com}
 *                       (practice), {@code https://api-fxtrade.oanda.com} (live), or
 *                       {@code http://127.0.0.1:PORT} against a local fake
 * @param requestTimeout longest wait for response data on one attempt; shorter turns a slow answer
 *                       into a retry (for an order: a lookup first) sooner, longer rides out slow periods
 * @param maxAttempts    requests per call, first included, for retryable failures only (429, 5xx,
 *                       timeouts, broken connections); more rides out longer outages but delays the
 *                       caller's error by up to the sum of the backoffs
 * @param backoffBase    wait before the second attempt, doubled for each further one; OANDA allows
 *                       120 requests/s per IP, so a 429 means a burst and a short wait clears it
 * @param backoffMax     cap on any single wait
 */
public record OandaRestSettings(URI baseUrl, Duration requestTimeout, int maxAttempts, Duration backoffBase,
                                Duration backoffMax) {
    public OandaRestSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got " + baseUrl);
        }
        if (baseUrl.toString().endsWith("/")) throw new IllegalArgumentException("baseUrl must not end with '/', got " + baseUrl);
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be > 0, got " + requestTimeout);
        }
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("need 0 <= backoffBase <= backoffMax, got " + backoffBase + " and " + backoffMax);
        }
    }

    /** Production defaults: 10 s per attempt, 4 attempts, waits of 0.5, 1 and 2 s (never more than 10 s). */
    public static OandaRestSettings defaults(URI baseUrl) {
        return new OandaRestSettings(baseUrl, Duration.ofSeconds(10), 4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** The wait after {@code failedAttempts} failed attempts: base doubled per attempt after the first, capped, at least 1 ms. */
    long backoffMs(int failedAttempts) {
        long max = backoffMax.toMillis();
        long delay = backoffBase.toMillis();
        for (int i = 1; i < failedAttempts && delay < max; i++) delay *= 2;
        // Vert.x timers need at least 1 ms.
        return Math.max(1, Math.min(delay, max));
    }
}
