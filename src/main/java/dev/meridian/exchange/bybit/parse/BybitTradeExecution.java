package dev.meridian.exchange.bybit.parse;

import dev.meridian.exchange.Execution;

import java.util.Objects;

/**
 * An item of the private {@code execution} topic with {@code execType == "Trade"}: a fill of one of
 * our orders, as the venue-neutral {@link Execution} plus the Bybit context it drops.
 *
 * <p>{@code execution.fee()} is Bybit's {@code execFee} as sent, in {@code feeCurrency}. On linear
 * that is the settle coin (USDT/USDC); on spot Bybit charges a buy's fee in the base coin, so there
 * {@code feeCurrency} must be checked before the fee is booked as quote currency. Bybit's sign
 * convention is kept: negative is a rebate.
 *
 * <p>The same {@code execId} can arrive more than once (see {@link PrivateEvent}); dedup downstream.
 *
 * @param category    Bybit's category as on the wire
 * @param orderId     Bybit's order id
 * @param feeCurrency the fee's coin, "" when Bybit did not say (derivatives)
 * @param execution   the fill; never null
 */
public record BybitTradeExecution(String category, String orderId, String feeCurrency, Execution execution)
        implements PrivateEvent {
    public BybitTradeExecution {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(feeCurrency, "feeCurrency");
        Objects.requireNonNull(execution, "execution");
    }
}
