package dev.meridian.execution;

import dev.meridian.core.Fill;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Side;
import dev.meridian.core.TicketLeg;
import dev.meridian.execution.PackageResult.LegOutcome;
import dev.meridian.execution.PackageResult.Unwind;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What the portfolio books for a live option package order once {@link PackageExecutor} is done
 * with it. Pure: the same order and result always give the same messages, in this order.
 *
 * <ul>
 *   <li><b>FILLED</b>: one {@link Fill} of the package at {@code ticket.qty} packages, priced per
 *   package "as the position sees it" like a paper fill (see {@code options.PackageOrders}): the
 *   legs' traded premium netted (+ paid for a BUY order, + received for a SELL one) ÷ qty; fee =
 *   every leg's execution fees; slippage against the order's ref price (the package mid).</li>
 *   <li><b>UNWOUND / UNWIND_FAILED</b>: no package position exists, but money moved: every leg that
 *   filled is booked as its own position under the contract's symbol (its real fill price and
 *   fees), closed again by its unwind's fill where there was one. So the spread and fees an unwind
 *   cost land in the OPTIONS sub-ledger as closed trades, and a leg the unwind could not close
 *   stays in the book as an open position, visible until someone closes it. Then the package
 *   order's {@link OrderRejected} with the executor's reason, so the strategy knows it has no
 *   package (or, for an exit, still has it).</li>
 * </ul>
 * A leg reported filled whose executions were never seen (no average price) is priced at its
 * limit: an IOC limit fills there or better, so the booking errs against us, and a SEVERE line
 * says so.
 */
public final class PackageBookings {
    private static final Logger LOG = Logger.getLogger(PackageBookings.class.getName());
    private static final MathContext MC = MathContext.DECIMAL64;

    private PackageBookings() {
    }

    /** The messages for the portfolio: fills first, then the rejection of a package that did not fill. */
    public static List<Object> of(Order o, PackageTicket ticket, PackageResult r, long nowMs) {
        List<Object> out = new ArrayList<>();
        if (r.status() == PackageResult.Status.FILLED) {
            BigDecimal signedPaid = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            for (LegOutcome l : r.legs()) {
                BigDecimal price = price(r, l, ticket);
                BigDecimal amount = price.multiply(l.filledQty());
                signedPaid = signedPaid.add(l.side() == Side.BUY ? amount : amount.negate());
                fees = fees.add(l.fees());
            }
            BigDecimal perUnit = signedPaid.divide(ticket.qty(), MC);
            if (o.side() == Side.SELL) perUnit = perUnit.negate();
            BigDecimal move = o.side() == Side.BUY ? perUnit.subtract(o.refPrice()) : o.refPrice().subtract(perUnit);
            out.add(new Fill(o.id() + "-live", o, ticket.qty(), perUnit, fees, ticket.qty().multiply(move), nowMs));
            return out;
        }
        for (LegOutcome l : r.legs()) {
            if (l.filledQty().signum() <= 0) continue;
            BigDecimal price = price(r, l, ticket);
            Order in = legOrder(o, o.id() + "-L" + l.index(), l.symbol(), l.side(), true, l.filledQty(), price);
            out.add(new Fill(in.id() + "-live", in, l.filledQty(), price, l.fees(), BigDecimal.ZERO, nowMs));
            if (l.unwind().isEmpty()) continue;
            Unwind u = l.unwind().get();
            if (u.closedQty().signum() <= 0) continue;
            BigDecimal back = u.avgPrice().orElseGet(() -> {
                LOG.severe("unwind " + u.orderLinkId() + " of package " + r.packageId() + " closed " + u.closedQty().toPlainString()
                        + " without executions seen: booked at the leg's price, as if nothing was lost");
                return price;
            });
            Order outOrder = legOrder(o, o.id() + "-U" + l.index(), l.symbol(), u.side(), false, u.closedQty(), back);
            out.add(new Fill(outOrder.id() + "-live", outOrder, u.closedQty(), back, u.fees(), BigDecimal.ZERO, nowMs));
        }
        out.add(new OrderRejected(o.id(), o.source(), o.seq(), o.timeMs(), o.symbol(), o.assetClass(), o.side(), o.entry(),
                "venue", "package " + r.status() + ": " + r.reason()));
        return out;
    }

    private static BigDecimal price(PackageResult r, LegOutcome l, PackageTicket ticket) {
        return l.avgPrice().orElseGet(() -> {
            BigDecimal limit = legOf(ticket, l).price();
            LOG.severe("leg " + l.orderLinkId() + " of package " + r.packageId() + " filled " + l.filledQty().toPlainString()
                    + " without executions seen: booked at its limit " + limit.toPlainString());
            return limit;
        });
    }

    private static TicketLeg legOf(PackageTicket ticket, LegOutcome l) {
        return ticket.legs().get(l.index());
    }

    /** A contract's own order, for booking a leg outside its package; its context is the package order's. */
    private static Order legOrder(Order o, String id, String symbol, Side side, boolean entry, BigDecimal qty, BigDecimal price) {
        BigDecimal notional = qty.multiply(price);
        return new Order(id, o.source(), o.seq(), o.timeMs(), symbol, o.assetClass(), side, entry, qty, price, BigDecimal.ZERO,
                BigDecimal.ONE, o.equityBefore(), notional, notional, o.mode(), o.regime(), o.session(), o.signalScore(),
                o.goodSetup(), "OPTIONS_UNWIND", false);
    }
}
