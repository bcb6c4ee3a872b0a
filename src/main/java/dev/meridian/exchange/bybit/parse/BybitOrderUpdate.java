package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Side;
import dev.meridian.exchange.OrderStatus;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the private {@code order} topic: the order's state after a change.
 *
 * <p>Status mapping ({@link #mapStatus}), from Bybit's {@code orderStatus} enum:
 * <ul>
 * <li>{@code New} → NEW; {@code Created} → NEW (accepted, not yet in the book; some clients report it,
 *     the V5 enum page does not list it, so mapping it costs nothing).</li>
 * <li>{@code PartiallyFilled} → PARTIALLY_FILLED.</li>
 * <li>{@code Filled} → FILLED. May arrive twice for one order, see {@link PrivateEvent}.</li>
 * <li>{@code Cancelled} → CANCELLED. On derivatives such an order may have fills: check
 *     {@code cumExecQty}.</li>
 * <li>{@code PartiallyFilledCanceled} → CANCELLED (spot's name for a cancel after partial fills).</li>
 * <li>{@code Rejected} → REJECTED.</li>
 * <li>{@code Untriggered} → NEW: a conditional order waiting for its trigger is accepted and alive,
 *     only not in the book yet.</li>
 * <li>{@code Triggered} → NEW: Bybit's instantaneous step from Untriggered to New; the order goes on
 *     living as a normal order and later updates follow.</li>
 * <li>{@code Deactivated} → CANCELLED: a TP/SL, conditional or OCO order cancelled before it
 *     triggered; final and never filled.</li>
 * </ul>
 * Any other value makes the frame malformed (dropped and counted) rather than guessed at; the raw
 * value is kept in {@code bybitStatus} so consumers can still tell Untriggered from New.
 *
 * <p>Invariants: identifiers are non-null ({@code orderLinkId} is "" when the order has none);
 * {@code qty >= 0} and {@code cumExecQty >= 0}; {@code avgPrice} and {@code cumExecFee} are null when
 * Bybit sent them empty or not at all (no fill yet); {@code cumFeeDetail} is never null.
 *
 * @param category      Bybit's category as on the wire: spot, linear, inverse or option
 * @param bybitStatus   Bybit's {@code orderStatus}, verbatim
 * @param cumExecFee    cumulative fee: the single amount of {@code cumFeeDetail} when it names exactly
 *                      one coin (linear and spot, where {@code cumExecFee} is deprecated), else the
 *                      {@code cumExecFee} field
 * @param cumFeeDetail  the fee per coin from {@code cumFeeDetail}, empty when absent
 * @param cancelType    e.g. {@code UNKNOWN}, {@code CancelByUser}; "" when absent
 * @param rejectReason  e.g. {@code EC_NoError}, {@code EC_OrigClOrdIDDoesNotExist}; "" when absent
 * @param updatedTimeMs {@code updatedTime}, epoch ms
 */
public record BybitOrderUpdate(String category, String orderId, String orderLinkId, String symbol, Side side,
                               OrderStatus status, String bybitStatus, BigDecimal qty, BigDecimal cumExecQty,
                               BigDecimal avgPrice, BigDecimal cumExecFee, Map<String, BigDecimal> cumFeeDetail,
                               String cancelType, String rejectReason, long updatedTimeMs) implements PrivateEvent {

    public BybitOrderUpdate {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bybitStatus, "bybitStatus");
        Objects.requireNonNull(cancelType, "cancelType");
        Objects.requireNonNull(rejectReason, "rejectReason");
        if (qty.signum() < 0 || cumExecQty.signum() < 0) {
            throw new IllegalArgumentException("qty and cumExecQty must be >= 0");
        }
        cumFeeDetail = Map.copyOf(cumFeeDetail);
    }

    /** Bybit's {@code orderStatus} folded onto ours, as in the class comment; empty for a value we do not know. */
    public static Optional<OrderStatus> mapStatus(String bybitStatus) {
        return Optional.ofNullable(switch (bybitStatus) {
            case "New", "Created", "Untriggered", "Triggered" -> OrderStatus.NEW;
            case "PartiallyFilled" -> OrderStatus.PARTIALLY_FILLED;
            case "Filled" -> OrderStatus.FILLED;
            case "Cancelled", "PartiallyFilledCanceled", "Deactivated" -> OrderStatus.CANCELLED;
            case "Rejected" -> OrderStatus.REJECTED;
            default -> null;
        });
    }
}
