package dev.meridian.execution;

import dev.meridian.exchange.LiveVenue;
import dev.meridian.core.Fill;
import dev.meridian.core.Order;
import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One live order's life between the router's request and its booking: the order, the request sent
 * (its {@code orderLinkId} is the idempotency key), the venue's latest status and cumulative
 * quantity, and its executions keyed by {@code execId} (so a duplicate execution changes nothing).
 *
 * <p>The order is complete when the venue calls it final and the executions add up to the venue's
 * cumulative quantity: then {@link #fill()} is the one aggregated {@link Fill} the ledger books —
 * quantity net of a fee taken in the base coin, price the volume-weighted average of the net
 * quantities, fee the base-coin fee valued at its execution price plus any quote fee, slippage
 * against the decision price (negative when the venue did better). So the cash the ledger moves,
 * {@code qty × price + fee}, is what the executions cost (to 34 significant digits for the average).
 * A final order without executions books nothing: it is a rejection with the venue's reason. An
 * exit the venue FILLED for less than the position (the quantity rounded down to the instrument's
 * step) closes the whole position, the unsellable dust written off at zero.
 * Not thread-safe: owned by the execution verticle.
 */
public final class LiveOrder {
    private static final MathContext MC = MathContext.DECIMAL128;

    private final Order order;
    private final OrderRequest request;
    private final Map<String, LiveVenue.LiveExecution> executions = new LinkedHashMap<>();
    private OrderStatus status = OrderStatus.NEW;
    private BigDecimal venueCumQty = BigDecimal.ZERO;
    private String reason = "";
    private boolean statusFinal;

    public LiveOrder(Order order, OrderRequest request) {
        this.order = order;
        this.request = request;
    }

    public Order order() { return order; }

    public OrderRequest request() { return request; }

    public String linkId() { return request.orderLinkId(); }

    public OrderStatus status() { return status; }

    public String reason() { return reason; }

    public Collection<LiveVenue.LiveExecution> executions() { return executions.values(); }

    /** Adds an execution; false when it was already known (same execId). */
    public boolean add(LiveVenue.LiveExecution e) {
        if (!e.orderLinkId().equals(linkId())) throw new IllegalArgumentException("execution of " + e.orderLinkId() + " given to " + linkId());
        return executions.putIfAbsent(e.execId(), e) == null;
    }

    /**
     * The venue's view. A final status is never undone (the cancel-vs-fill race sends a second
     * FILLED, and a late NEW may arrive out of order), but a later final report may raise the
     * cumulative quantity.
     */
    public void update(LiveVenue.VenueOrder v) {
        if (statusFinal && !v.status().isFinal()) return;
        status = v.status();
        if (v.cumExecQty().compareTo(venueCumQty) > 0) venueCumQty = v.cumExecQty();
        if (v.reason() != null && !v.reason().isEmpty()) reason = v.reason();
        statusFinal |= v.status().isFinal();
    }

    /** Marks the order rejected before it reached the venue (or refused by it), with the reason. */
    public void reject(String why) {
        status = OrderStatus.REJECTED;
        reason = why;
        statusFinal = true;
    }

    public BigDecimal executedGrossQty() {
        return executions.values().stream().map(LiveVenue.LiveExecution::grossQty).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Final at the venue and every execution the venue counted is here. */
    public boolean complete() {
        return statusFinal && executedGrossQty().compareTo(venueCumQty) >= 0;
    }

    /** The aggregated fill of a complete order with executions; its id is the order id + {@code idSuffix}. */
    public Optional<Fill> fill() { return fill("-live"); }

    public Optional<Fill> fill(String idSuffix) {
        if (!complete() || executions.isEmpty()) return Optional.empty();
        BigDecimal netQty = BigDecimal.ZERO;
        BigDecimal netNotional = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;
        long last = Long.MIN_VALUE;
        for (LiveVenue.LiveExecution e : executions.values()) {
            BigDecimal net = e.grossQty().subtract(e.feeInBase());
            netQty = netQty.add(net);
            netNotional = netNotional.add(net.multiply(e.price()));
            fee = fee.add(e.feeInBase().multiply(e.price())).add(e.feeInQuote());
            last = Math.max(last, e.timeMs());
        }
        if (netQty.signum() <= 0) return Optional.empty();
        if (!order.entry() && status == OrderStatus.FILLED && netQty.compareTo(order.qty()) < 0) {
            // The venue filled all it accepted, but the adapter had to round the quantity down to the
            // instrument's step: the leftover dust cannot be sold. The position is closed in full and
            // the dust written off at zero (the proceeds are spread over the whole quantity), so the
            // ledger's cash is exactly what the venue paid.
            netQty = order.qty();
        }
        BigDecimal price = netNotional.divide(netQty, MC);
        BigDecimal move = order.side() == Side.BUY ? price.subtract(order.refPrice()) : order.refPrice().subtract(price);
        BigDecimal slippage = netQty.multiply(move);
        // Booked at the decision's event time or the venue's last execution, whichever is later: a venue
        // clock behind our data clock must not book a fill before the decision that caused it.
        return Optional.of(new Fill(order.id() + idSuffix, order, netQty, price, fee, slippage, Math.max(order.timeMs(), last)));
    }
}
