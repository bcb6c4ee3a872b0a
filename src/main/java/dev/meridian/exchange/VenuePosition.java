package dev.meridian.exchange;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A live derivatives position as its venue reports it ({@code evt.position.risk}): signed size
 * (+ long, − short, 0 flat), the venue's liquidation price when it has one, and its mark price.
 * The liquidation-buffer rail reads it for live perps instead of its own estimate.
 */
public record VenuePosition(String venue, String symbol, BigDecimal size, Optional<BigDecimal> liqPrice,
                            Optional<BigDecimal> markPrice, long timeMs) {
}
