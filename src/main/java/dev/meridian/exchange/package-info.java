/**
 * The adapter boundary between the router and the venues (paper, Bybit, OANDA): the order a
 * venue is asked to place ({@link dev.meridian.exchange.OrderRequest}), an order's state
 * ({@link dev.meridian.exchange.OrderStatus}) and the executions it reports
 * ({@link dev.meridian.exchange.Execution}). Wire DTOs of each venue stay inside its sub-package.
 */
package dev.meridian.exchange;
