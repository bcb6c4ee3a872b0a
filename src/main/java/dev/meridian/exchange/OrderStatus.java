package dev.meridian.exchange;

/**
 * An order's life at a venue (Bybit's {@code orderStatus} values, folded): NEW (accepted, resting),
 * PARTIALLY_FILLED, FILLED, CANCELLED (maybe after partial fills: Bybit's Cancelled and
 * PartiallyFilledCanceled), REJECTED. FILLED, CANCELLED and REJECTED are final.
 */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED;

    public boolean isFinal() { return this == FILLED || this == CANCELLED || this == REJECTED; }
}
