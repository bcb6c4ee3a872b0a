package dev.meridian.execution;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Fill;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Quote;
import dev.meridian.core.Side;
import dev.meridian.core.Tick;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.paper.PaperVenue;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Paper orders the way live ones go, up to the adapter boundary: the same {@link OrderRequest}
 * (same {@code orderLinkId}), the paper venue's executions, and the same {@link LiveOrder}
 * aggregation into one fill. Used by the router and by the backtester, so both price paper
 * fills identically. A FOREX fill's fee leaves in USD (see {@link Fill}). Not thread-safe.
 */
public final class PaperFills {
    private final PaperVenue venue;

    public PaperFills(PaperVenue venue) { this.venue = venue; }

    /** Every trade print: the venue prices market orders off the last one. */
    public void onTrade(Tick t) {
        // Some venues print trades without size (the 2013 Bitstamp data has them): no liquidity to match.
        if (t.qty().signum() > 0 && t.price().signum() > 0) venue.onTrade(t.symbol(), t.price(), t.qty(), t.timeMs());
    }

    /**
     * A quote of a market without trade prints (forex): market orders then take its bid or ask.
     * Its depth is not streamed; OANDA's top of book is millions of units deep, far beyond an
     * order of ours, so the whole order fills at the quote.
     */
    public void onQuote(Quote q) {
        venue.onQuote(q.symbol(), q.bid(), QUOTE_DEPTH, q.ask(), QUOTE_DEPTH, q.timeMs());
    }

    private static final BigDecimal QUOTE_DEPTH = new BigDecimal("1000000000");

    /** The order's fill, or its rejection with the venue's reason. */
    public Object fill(Order o) {
        if (o.packageTicket().isPresent()) return fillPackage(o, o.packageTicket().get());
        OrderRequest request = OrderRequest.market(OrderLinkIds.of(o.id()), category(o.assetClass()), o.symbol(), o.side(),
                o.qty(), o.refPrice(), o.timeMs());
        PaperVenue.SubmitResult r = venue.submit(request);
        LiveOrder lo = new LiveOrder(o, request);
        BigDecimal cum = BigDecimal.ZERO;
        ForexPair pair = o.assetClass() == AssetClass.FOREX ? ForexPair.parse(o.symbol()) : null;
        for (Execution e : r.executions()) {
            // A forex fee is USD, as OANDA charges it (in the account's currency); the paper venue's is in
            // the quote currency, so it is converted at its own fill's price: fee bps of the USD notional.
            BigDecimal fee = pair == null ? e.fee() : pair.quoteToUsd(e.fee(), e.price());
            lo.add(new LiveVenue.LiveExecution(e.orderLinkId(), e.execId(), e.qty(), e.price(), e.feeInBase(), fee, e.timeMs()));
            cum = cum.add(e.qty());
        }
        lo.update(new LiveVenue.VenueOrder(lo.linkId(), r.status().isFinal() ? r.status() : OrderStatus.CANCELLED, cum,
                r.rejectReason().orElse("")));
        Optional<Fill> fill = lo.fill("-paper");
        if (fill.isPresent()) return fill.get();
        return new OrderRejected(o.id(), o.source(), o.seq(), o.timeMs(), o.symbol(), o.assetClass(), o.side(), o.entry(),
                "paper venue", r.rejectReason().orElse(r.status().name()));
    }

    /**
     * An option package fills whole at its ticket (the legs' quotes at the decision bar, and their
     * fees), never at the underlying's last print, with no slippage model on top: the spread to the
     * mids is the slippage, measured like any fill's against the order's ref price (the mid).
     */
    private static Fill fillPackage(Order o, PackageTicket t) {
        BigDecimal move = o.side() == Side.BUY ? t.fillPrice().subtract(o.refPrice()) : o.refPrice().subtract(t.fillPrice());
        // A live package's exit without legs is the venue's settlement at expiry, filled at its ticket too.
        return new Fill(o.id() + (o.paper() ? "-paper" : "-settled"), o, t.qty(), t.fillPrice(), t.fees(), t.qty().multiply(move),
                o.timeMs());
    }

    /** The Bybit category of an asset class; forex has none (OANDA's orders ignore it), so it carries the spot label. */
    static Category category(AssetClass c) {
        return switch (c) {
            case SPOT, FOREX -> Category.SPOT;
            case PERP -> Category.LINEAR;
            case OPTIONS -> Category.OPTION;
        };
    }
}
