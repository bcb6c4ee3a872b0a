/**
 * Bybit V5 public streams, wire to domain: {@link dev.meridian.exchange.bybit.parse.BybitFrameDecoder}
 * turns one text frame into a {@link dev.meridian.exchange.bybit.parse.BybitFrame} (trades,
 * tickers, klines, book updates, acks, pongs, or malformed); per-connection state is rebuilt by
 * {@link dev.meridian.exchange.bybit.parse.TickerBook} (linear ticker deltas merged onto
 * snapshots) and {@link dev.meridian.exchange.bybit.parse.OrderBook} (one symbol's book).
 *
 * <p>Plain classes without Vert.x types, so the WebSocket client, the tests and the benchmarks
 * (docs/BENCHMARKS.md) call them directly. Prices and sizes are exact {@link java.math.BigDecimal}s
 * throughout; a bad frame is dropped and counted, never thrown.
 *
 * <p>The private stream's frames go through {@link dev.meridian.exchange.bybit.parse.BybitPrivateDecoder}
 * into {@link dev.meridian.exchange.bybit.parse.PrivateEvent}s (order updates, trade and non-trade
 * executions, wallet updates) under the same rules.
 */
package dev.meridian.exchange.bybit.parse;
