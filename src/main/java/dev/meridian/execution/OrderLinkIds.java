package dev.meridian.execution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The venue-side idempotency key of an order: {@code "mer-"} + the first 32 hex digits of the
 * SHA-256 of the risk engine's deterministic order id — 36 characters of {@code [a-z0-9-]}, within
 * Bybit's {@code orderLinkId} limit whatever the symbol's length, and the same after a restart, so
 * a re-sent intent can only ever collide with itself.
 */
public final class OrderLinkIds {
    private OrderLinkIds() {
    }

    public static String of(String orderId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(orderId.getBytes(StandardCharsets.UTF_8));
            return "mer-" + HexFormat.of().formatHex(h).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
