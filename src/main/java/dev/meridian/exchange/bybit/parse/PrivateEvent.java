package dev.meridian.exchange.bybit.parse;

/**
 * One typed item of a Bybit V5 private stream ({@code /v5/private}): an order update, a trade
 * execution, a non-trade execution (funding, ADL, liquidation, settlement …), a wallet update or a
 * position update.
 * Produced by {@link BybitPrivateDecoder}; a frame carrying several {@code data} items yields one
 * event per item, in the frame's order.
 *
 * <p><b>At-least-once, not exactly-once.</b> The stream may deliver the same execution or order state
 * twice (Bybit re-pushes around reconnects, and a cancel racing a fill yields two {@code Filled}
 * order updates, the second with {@code cancelType=CancelByUser} and
 * {@code rejectReason=EC_OrigClOrdIDDoesNotExist}). Consumers must be idempotent: the order state
 * machine dedups executions by {@code execId} and ignores updates to an order already final.
 * Events missed while disconnected are not replayed either; REST reconciliation covers that gap.
 */
public sealed interface PrivateEvent
        permits BybitOrderUpdate, BybitTradeExecution, BybitNonTradeExecution, BybitWalletUpdate, BybitPositionUpdate {
}
