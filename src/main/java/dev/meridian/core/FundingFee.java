package dev.meridian.core;

import java.math.BigDecimal;

/**
 * Funding a venue settled on a live perp position, on its way to the portfolio: a fee on the
 * position's sub-ledger, never a fill. {@code fee} > 0 was paid, < 0 received. {@code execId} is
 * the venue's id of the settlement, so a redelivered one is booked once.
 */
public record FundingFee(String symbol, AssetClass assetClass, BigDecimal fee, long timeMs, String execId) {
}
