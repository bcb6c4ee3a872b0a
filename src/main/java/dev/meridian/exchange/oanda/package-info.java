/**
 * The OANDA v20 adapter (forex). {@link dev.meridian.exchange.oanda.OandaRest} is the REST client
 * (bearer token, retry table, idempotent placement by client id);
 * {@link dev.meridian.exchange.oanda.OandaVenue} the {@link dev.meridian.exchange.LiveVenue} of the
 * FOREX asset class and its wallet source (NAV), which also reads the account's transactions to report
 * the closes the bot did not send (a stop loss that filled at OANDA);
 * {@link dev.meridian.exchange.oanda.OandaPricingStream}
 * the chunked pricing stream. {@code OandaWire} turns OANDA's JSON into the records here and
 * {@code OandaOrders} our order requests into OANDA's order body; wire formats stay in this package.
 * One package rather than Bybit's {@code rest/ws/parse} split: the adapter is small, and its
 * package-private parser and body builder are shared by the client, the venue and the stream.
 */
package dev.meridian.exchange.oanda;
