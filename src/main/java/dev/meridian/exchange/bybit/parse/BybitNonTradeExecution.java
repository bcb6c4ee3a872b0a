package dev.meridian.exchange.bybit.parse;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An item of the private {@code execution} topic whose {@code execType} is not {@code Trade}:
 * {@code Funding}, {@code AdlTrade}, {@code BustTrade} (liquidation), {@code Settle},
 * {@code Delivery}, {@code BlockTrade}, {@code MovePosition} … Deliberately not an
 * {@link dev.meridian.exchange.Execution}: none of them is a fill of an order we placed, and booking
 * a funding payment as a trade would corrupt positions. Owners account for them separately
 * (funding into P&amp;L, ADL and liquidation as alarms and a position resync).
 *
 * <p>Numbers are kept as Bybit sent them and may be null when sent empty; {@code execId} and
 * {@code execType} are never null.
 *
 * @param category    Bybit's category as on the wire
 * @param execType    Bybit's {@code execType}, verbatim
 * @param execId      Bybit's id of this execution
 * @param orderId     the related order, "" when none (funding)
 * @param orderLinkId our id of the related order, "" when none
 * @param symbol      the instrument
 * @param qty         {@code execQty}, or null
 * @param price       {@code execPrice}, or null
 * @param fee         {@code execFee}, or null; for {@code Funding} the funding amount (positive = paid)
 * @param feeCurrency the fee's coin, "" when Bybit did not say
 * @param timeMs      {@code execTime}, epoch ms
 */
public record BybitNonTradeExecution(String category, String execType, String execId, String orderId,
                                     String orderLinkId, String symbol, BigDecimal qty, BigDecimal price,
                                     BigDecimal fee, String feeCurrency, long timeMs) implements PrivateEvent {
    public BybitNonTradeExecution {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(execType, "execType");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(feeCurrency, "feeCurrency");
    }
}
