package dev.meridian.exchange.bybit.rest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Bybit V5 HMAC request signing, pure: no clock, no I/O, no state.
 *
 * <p>Contract: {@link #sign} is lowercase hex HMAC-SHA256, keyed with the API secret, of
 * {@code timestamp + apiKey + recvWindow + payload}, where the payload is the exact query string of
 * a GET (without the {@code ?}) or the exact body of a POST. "Exact" is the whole point: Bybit
 * recomputes the HMAC over the bytes it received, so the caller must sign the very string it sends
 * and never re-serialise or re-encode it afterwards. The result never depends on anything but the
 * arguments, which is what lets the test fake recompute it.
 */
public final class BybitSigner {
    public static final String API_KEY = "X-BAPI-API-KEY";
    public static final String TIMESTAMP = "X-BAPI-TIMESTAMP";
    public static final String SIGN = "X-BAPI-SIGN";
    public static final String RECV_WINDOW = "X-BAPI-RECV-WINDOW";

    private static final String HMAC = "HmacSHA256";

    private BybitSigner() {
    }

    /** The {@code X-BAPI-SIGN} value for one request. */
    public static String sign(String secret, long timestampMs, String apiKey, long recvWindowMs, String payload) {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(payload, "payload");
        return hmacSha256Hex(secret, timestampMs + apiKey + recvWindowMs + payload);
    }

    /**
     * Lowercase hex HMAC-SHA256 of {@code message} (UTF-8) under {@code secret}. Also what the
     * private WebSocket auth signs ({@code "GET/realtime" + expires}).
     */
    public static String hmacSha256Hex(String secret, String message) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(message, "message");
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JVM, not a bad input.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The four authentication headers of one request, in Bybit's documented order. The map holds the
     * signature, so it must not be logged.
     */
    public static Map<String, String> headers(String secret, long timestampMs, String apiKey, long recvWindowMs,
                                              String payload) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(API_KEY, apiKey);
        h.put(TIMESTAMP, Long.toString(timestampMs));
        h.put(SIGN, sign(secret, timestampMs, apiKey, recvWindowMs, payload));
        h.put(RECV_WINDOW, Long.toString(recvWindowMs));
        return h;
    }
}
