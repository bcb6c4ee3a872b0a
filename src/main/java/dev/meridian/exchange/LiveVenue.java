package dev.meridian.exchange;

import dev.meridian.core.AssetClass;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A live trading venue as the router sees it (Bybit spot, USDT perpetuals and options; OANDA forex).
 * Implementations keep their wire formats inside their adapter and never block.
 *
 * <p>Contract: {@link #place} is idempotent on {@code orderLinkId} — an ambiguous failure is looked
 * up before any resend, and "already placed" is a success — so one intent never becomes two
 * exchange orders. Executions may arrive twice (a stream reconnect, a lookup after a push); the
 * router deduplicates them by {@code execId}.
 */
public interface LiveVenue {
    /** How a placement ended. PLACED and ALREADY_PLACED mean the venue holds the order. */
    enum Placed { PLACED, ALREADY_PLACED, REJECTED, SKIPPED, DISABLED }

    record PlaceOutcome(Placed kind, String reason) {
        public boolean atVenue() { return kind == Placed.PLACED || kind == Placed.ALREADY_PLACED; }
    }

    /** An order as the venue reports it: status and the cumulative executed quantity (before fees). */
    record VenueOrder(String orderLinkId, OrderStatus status, BigDecimal cumExecQty, String reason) {
    }

    /**
     * One execution of an order. {@code grossQty} is what traded; a spot buy's fee is usually
     * taken in the base coin ({@code feeInBase}, so the holding grows by {@code grossQty −
     * feeInBase}); {@code feeInQuote} is any fee charged in the quote coin (negative = rebate).
     */
    record LiveExecution(String orderLinkId, String execId, BigDecimal grossQty, BigDecimal price, BigDecimal feeInBase,
                         BigDecimal feeInQuote, long timeMs) {
    }

    /** Pushed by the venue's private stream. */
    sealed interface Event permits OrderUpdate, Executed, StatusChanged, FundingFee, PositionRisk, ClosedAtVenue {
    }

    /**
     * The venue closed (part of) a position by an order the router did not send: a stop-loss or
     * take-profit attached on fill triggered, a margin closeout, or the owner closed it by hand.
     * {@code side} is the closing trade's side (SELL closes a long), {@code qty} > 0 what it
     * closed, {@code price} its fill price, {@code fee} its fee in the quote (account) currency,
     * {@code execId} the venue's unique id of the fill (consumers book it once), {@code reason} the
     * venue's word for it (e.g. STOP_LOSS_ORDER).
     */
    record ClosedAtVenue(String symbol, dev.meridian.core.Side side, BigDecimal qty, BigDecimal price, BigDecimal fee, long timeMs,
                         String execId, String reason) implements Event {
        public ClosedAtVenue {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(execId, "execId");
            Objects.requireNonNull(reason, "reason");
            if (qty == null || qty.signum() <= 0) throw new IllegalArgumentException("closed qty must be > 0");
            if (price == null || price.signum() <= 0) throw new IllegalArgumentException("close price must be > 0");
            Objects.requireNonNull(fee, "fee");
        }
    }

    record OrderUpdate(VenueOrder order) implements Event {
    }

    record Executed(LiveExecution execution) implements Event {
    }

    /** The venue became usable or unusable (keys rejected, locked out, stream down). */
    record StatusChanged(boolean ready, String status) implements Event {
    }

    /**
     * A funding payment on a perpetual position, in the quote (settle) coin. Never a fill: it moves
     * cash, not the position. {@code fee > 0} means we paid, {@code fee < 0} that we received.
     * {@code execId} is the venue's id of the payment, unique per payment; the stream may deliver a
     * payment twice, so consumers deduplicate by it.
     */
    record FundingFee(String symbol, BigDecimal fee, long timeMs, String execId) implements Event {
        public FundingFee {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(fee, "fee");
            Objects.requireNonNull(execId, "execId");
        }
    }

    /**
     * The venue's view of a derivatives position, for the risk rails: {@code size} is signed
     * (positive long, negative short, zero flat); {@code liqPrice} is the venue's liquidation price,
     * empty when the venue reports none (flat, or no price at which it would be liquidated);
     * {@code markPrice} is the price the venue marks (and liquidates) it at, empty when not
     * reported. {@code timeMs} is the venue's update time (0 if unknown). Each one replaces the last
     * for its symbol: it is a snapshot, not a change.
     */
    record PositionRisk(String symbol, BigDecimal size, Optional<BigDecimal> liqPrice, Optional<BigDecimal> markPrice,
                        long timeMs) implements Event {
        public PositionRisk {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(liqPrice, "liqPrice");
            Objects.requireNonNull(markPrice, "markPrice");
        }
    }

    String name();

    boolean trades(AssetClass assetClass);

    /** True while orders may be sent; {@link #status()} says why not otherwise. */
    boolean ready();

    String status();

    Future<PlaceOutcome> place(OrderRequest request);

    Future<Optional<VenueOrder>> lookup(OrderRequest request);

    Future<List<LiveExecution>> executions(OrderRequest request);

    /** Every order open at the venue in the categories this venue trades (ours or not). */
    Future<List<VenueOrder>> openOrders();

    /** Where pushed events go; set once before {@link #start()}. */
    void onEvent(Consumer<Event> handler);

    Future<Void> start();

    Future<Void> stop();
}
