/**
 * Bybit V5 public WebSocket streams: one {@link dev.meridian.exchange.bybit.ws.BybitPublicStream} per
 * category keeps a connection alive (pings, stall detection, jittered reconnects), keeps the owner's
 * topic set subscribed within Bybit's request limits, and hands every data frame on as raw text.
 *
 * <p>This package knows the control protocol only (subscribe/unsubscribe, acks, pings and pongs of
 * every category); decoding data frames into domain records is {@code dev.meridian.exchange.bybit.parse}'s
 * job. Tests drive it against {@code dev.meridian.exchange.bybit.fake.FakeBybitPublicServer}.
 *
 * <p>{@link dev.meridian.exchange.bybit.ws.BybitPrivateStream} is the authenticated counterpart for
 * {@code /v5/private}: it authenticates every connection, subscribes the order, execution and wallet
 * topics, and hands on typed {@code dev.meridian.exchange.bybit.parse.PrivateEvent}s (tested against
 * {@code FakeBybitPrivateServer}, which verifies the auth signature).
 */
package dev.meridian.exchange.bybit.ws;
