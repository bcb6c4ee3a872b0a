package dev.meridian.exchange;

import dev.meridian.core.Category;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the router asks a venue to do: the same record for paper and live, so both sides of the
 * adapter boundary see one order. {@code orderLinkId} is the client's idempotency key (Bybit
 * {@code orderLinkId}, OANDA {@code clientExtensions.id}): at most 36 characters of
 * {@code [A-Za-z0-9_-]}, deterministic per intent, and never reused for a different order.
 * {@code qty} is in base units (for a spot market BUY too: the adapter sends it with
 * {@code marketUnit=baseCoin}); {@code refPrice} is the decision price slippage is measured against.
 * {@code leverage} is the leverage an entry on a derivatives venue should run at (1 = unleveraged);
 * the venue rounds it onto the instrument's leverage filter before the order. Spot ignores it, as
 * do reduce-only orders, which open nothing. {@code ioc} makes a LIMIT immediate-or-cancel: it
 * fills what it can at the limit price or better at once and the rest is cancelled, never resting
 * (options are traded so, see {@code BybitOptionVenue}); a MARKET order is IOC anyway and does not
 * set it. Requests made before the flag existed are not IOC. {@code stopLoss} is a protective stop
 * the venue attaches to the position the order opens, so it holds at the venue even while the bot is
 * down (OANDA's {@code stopLossOnFill}); venues without such an order type (paper, Bybit) do not send
 * it. Requests made before the field existed have none.
 *
 * <p>Invariants: qty > 0; a LIMIT has a limit price > 0 and a MARKET has none; post-only only on a
 * LIMIT; IOC only on a LIMIT and never with post-only; leverage >= 1; a stop loss, when present, is
 * > 0; reduce-only orders only reduce (checked by the venue).
 */
public record OrderRequest(String orderLinkId, Category category, String symbol, Side side, OrderType type,
                           BigDecimal qty, Optional<BigDecimal> limitPrice, boolean postOnly, boolean reduceOnly,
                           BigDecimal refPrice, long timeMs, BigDecimal leverage, boolean ioc, Optional<BigDecimal> stopLoss) {
    private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    /** An unleveraged request (leverage 1): what spot and every order stored before leverage existed mean. */
    public OrderRequest(String orderLinkId, Category category, String symbol, Side side, OrderType type, BigDecimal qty,
                        Optional<BigDecimal> limitPrice, boolean postOnly, boolean reduceOnly, BigDecimal refPrice, long timeMs) {
        this(orderLinkId, category, symbol, side, type, qty, limitPrice, postOnly, reduceOnly, refPrice, timeMs, BigDecimal.ONE);
    }

    /** A request that is not IOC-limit: every order made before {@code ioc} existed. */
    public OrderRequest(String orderLinkId, Category category, String symbol, Side side, OrderType type, BigDecimal qty,
                        Optional<BigDecimal> limitPrice, boolean postOnly, boolean reduceOnly, BigDecimal refPrice, long timeMs,
                        BigDecimal leverage) {
        this(orderLinkId, category, symbol, side, type, qty, limitPrice, postOnly, reduceOnly, refPrice, timeMs, leverage, false);
    }

    /** A request without a stop loss: every order made before {@code stopLoss} existed. */
    public OrderRequest(String orderLinkId, Category category, String symbol, Side side, OrderType type, BigDecimal qty,
                        Optional<BigDecimal> limitPrice, boolean postOnly, boolean reduceOnly, BigDecimal refPrice, long timeMs,
                        BigDecimal leverage, boolean ioc) {
        this(orderLinkId, category, symbol, side, type, qty, limitPrice, postOnly, reduceOnly, refPrice, timeMs, leverage, ioc,
                Optional.empty());
    }

    public OrderRequest {
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        if (!LINK_ID.matcher(orderLinkId).matches()) {
            throw new IllegalArgumentException("orderLinkId must be 1..36 of [A-Za-z0-9_-], got '" + orderLinkId + "'");
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(limitPrice, "limitPrice");
        if (qty.signum() <= 0) throw new IllegalArgumentException("qty must be > 0, got " + qty.toPlainString());
        if (type == OrderType.LIMIT && limitPrice.map(p -> p.signum() <= 0).orElse(true)) {
            throw new IllegalArgumentException("a LIMIT order needs a limit price > 0");
        }
        if (type == OrderType.MARKET && limitPrice.isPresent()) throw new IllegalArgumentException("a MARKET order has no limit price");
        if (postOnly && type != OrderType.LIMIT) throw new IllegalArgumentException("post-only applies to LIMIT orders only");
        if (ioc && type != OrderType.LIMIT) throw new IllegalArgumentException("IOC is set on LIMIT orders only (a MARKET order is IOC anyway)");
        if (ioc && postOnly) throw new IllegalArgumentException("an order cannot be both IOC and post-only");
        if (refPrice.signum() <= 0) throw new IllegalArgumentException("refPrice must be > 0");
        Objects.requireNonNull(leverage, "leverage");
        if (leverage.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("leverage must be >= 1, got " + leverage.toPlainString());
        }
        Objects.requireNonNull(stopLoss, "stopLoss");
        if (stopLoss.map(p -> p.signum() <= 0).orElse(false)) {
            throw new IllegalArgumentException("a stop loss must be > 0, got " + stopLoss.get().toPlainString());
        }
    }

    public static OrderRequest market(String orderLinkId, Category category, String symbol, Side side, BigDecimal qty,
                                      BigDecimal refPrice, long timeMs) {
        return new OrderRequest(orderLinkId, category, symbol, side, OrderType.MARKET, qty, Optional.empty(), false, false,
                refPrice, timeMs);
    }

    /**
     * An immediate-or-cancel LIMIT: fills at {@code limitPrice} or better at once, the rest is
     * cancelled. Unleveraged, not reduce-only.
     */
    public static OrderRequest limitIoc(String orderLinkId, Category category, String symbol, Side side, BigDecimal qty,
                                        BigDecimal limitPrice, BigDecimal refPrice, long timeMs) {
        return new OrderRequest(orderLinkId, category, symbol, side, OrderType.LIMIT, qty, Optional.of(limitPrice), false, false,
                refPrice, timeMs, BigDecimal.ONE, true, Optional.empty());
    }

    /** This request at {@code newLeverage} (same id: it is the same order). */
    public OrderRequest withLeverage(BigDecimal newLeverage) {
        return new OrderRequest(orderLinkId, category, symbol, side, type, qty, limitPrice, postOnly, reduceOnly, refPrice,
                timeMs, newLeverage, ioc, stopLoss);
    }

    /** This request as reduce-only (an exit of a derivatives position); spot does not send the flag. */
    public OrderRequest asReduceOnly() {
        return new OrderRequest(orderLinkId, category, symbol, side, type, qty, limitPrice, postOnly, true, refPrice,
                timeMs, leverage, ioc, stopLoss);
    }

    /**
     * This request with a protective stop at {@code price} (same id: it is the same order). The
     * venue may round it onto the instrument's price precision, never farther from the entry.
     *
     * @throws IllegalArgumentException if {@code price} is not > 0
     */
    public OrderRequest withStopLoss(BigDecimal price) {
        Objects.requireNonNull(price, "price");
        return new OrderRequest(orderLinkId, category, symbol, side, type, qty, limitPrice, postOnly, reduceOnly, refPrice,
                timeMs, leverage, ioc, Optional.of(price));
    }
}
