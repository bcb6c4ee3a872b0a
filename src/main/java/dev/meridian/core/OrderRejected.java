package dev.meridian.core;

/**
 * An intent or order that was refused, with the reason; recorded so nothing is lost silently.
 * {@code orderId} is the id the order would have had.
 */
public record OrderRejected(String orderId, String source, long seq, long timeMs, String symbol,
                            AssetClass assetClass, Side side, boolean entry, String stage, String reason) {
}
