package dev.meridian.exchange.oanda;

import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderType;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;

/**
 * Our {@link OrderRequest} as the {@code order} object of {@code POST /v3/accounts/{id}/orders}, or
 * the reason it cannot be one. Pure.
 *
 * <ul>
 *   <li>{@code type}: MARKET with {@code timeInForce} FOK (all or nothing at once: a market order
 *       that cannot fill whole is cancelled, never left half done), or LIMIT with GTC, or IOC when
 *       {@link OrderRequest#ioc()}.</li>
 *   <li>{@code instrument} is the request's symbol as OANDA names it ({@code EUR_USD}).</li>
 *   <li>{@code units}: signed whole units as a string, negative for a SELL. OANDA trades currency
 *       pairs in whole units, so a fractional quantity is refused here rather than rounded: the
 *       sizer's quantity is what the risk was measured on.</li>
 *   <li>{@code positionFill}: REDUCE_ONLY for a reduce-only request (an exit can never open the other
 *       side), else DEFAULT.</li>
 *   <li>{@code clientExtensions.id} = {@code orderLinkId}, the idempotency key OANDA enforces
 *       ({@code CLIENT_ORDER_ID_ALREADY_EXISTS}) and looks orders up by ({@code @id}).</li>
 *   <li>{@code stopLossOnFill} {@code {price, timeInForce: GTC}} when the request carries a stop loss,
 *       so the stop lives at OANDA from the moment of the fill.</li>
 * </ul>
 *
 * <p><b>Price precision.</b> OANDA refuses a price with more decimals than the instrument shows.
 * Currency pairs show 5 decimals, pairs quoted in yen ({@code *_JPY}) 3; a limit or stop price is
 * rounded onto that grid. Other instruments (metals, CFDs) have other precisions and are not covered:
 * OANDA would refuse such a price and the refusal comes back with its reason. The rounding direction
 * is the one that never costs more than asked: a BUY limit rounds down and a SELL limit up (never a
 * worse price than the limit), and a stop rounds toward the entry (up for a long's stop below it, down
 * for a short's above it), so the loss at the stop is never larger than the one the order was sized on.
 *
 * <p>OANDA has no post-only order: a post-only request is refused rather than sent as a plain limit
 * that could take liquidity. Leverage is the account's margin rate at OANDA, not a per-order field,
 * so {@link OrderRequest#leverage()} is not sent.
 */
final class OandaOrders {
    private OandaOrders() {
    }

    /** The order object, or why there is none. */
    sealed interface Body {
    }

    record Ok(JsonObject order) implements Body {
    }

    record Refused(String reason) implements Body {
    }

    static Body body(OrderRequest r) {
        BigDecimal qty = r.qty().stripTrailingZeros();
        if (qty.scale() > 0) {
            return new Refused("OANDA trades whole units; qty " + r.qty().toPlainString() + " is fractional");
        }
        if (r.postOnly()) return new Refused("OANDA has no post-only orders");
        String units = (r.side() == Side.SELL ? "-" : "") + qty.toBigIntegerExact();
        JsonObject o = new JsonObject(new LinkedHashMap<>())
                .put("type", r.type() == OrderType.MARKET ? "MARKET" : "LIMIT")
                .put("instrument", r.symbol())
                .put("units", units);
        r.limitPrice().ifPresent(p -> o.put("price", text(limitPrice(r.symbol(), r.side(), p))));
        o.put("timeInForce", r.type() == OrderType.MARKET ? "FOK" : r.ioc() ? "IOC" : "GTC");
        o.put("positionFill", r.reduceOnly() ? "REDUCE_ONLY" : "DEFAULT");
        o.put("clientExtensions", new JsonObject().put("id", r.orderLinkId()));
        r.stopLoss().ifPresent(s -> o.put("stopLossOnFill", new JsonObject(new LinkedHashMap<>())
                .put("price", text(stopPrice(r.symbol(), r.side(), s))).put("timeInForce", "GTC")));
        return new Ok(o);
    }

    /** Decimals OANDA shows for a currency pair: 3 for yen-quoted pairs, else 5. */
    static int decimals(String instrument) {
        return instrument.endsWith("_JPY") ? 3 : 5;
    }

    /** A limit price on the grid, never worse than asked: a BUY's down, a SELL's up. */
    static BigDecimal limitPrice(String instrument, Side side, BigDecimal price) {
        return price.setScale(decimals(instrument), side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    /** A stop price on the grid, toward the entry: a long's (BUY) up, a short's (SELL) down. */
    static BigDecimal stopPrice(String instrument, Side side, BigDecimal price) {
        return price.setScale(decimals(instrument), side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    private static String text(BigDecimal price) {
        return price.stripTrailingZeros().toPlainString();
    }
}
