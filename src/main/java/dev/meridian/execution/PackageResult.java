package dev.meridian.execution;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an all-or-nothing option package order ended ({@link PackageExecutor}).
 *
 * <ul>
 *   <li>{@link Status#FILLED}: every leg filled completely; the package is on.</li>
 *   <li>{@link Status#UNWOUND}: a leg failed (rejected, skipped, not completely filled in time),
 *   and every contract that did fill was closed again: nothing of the package is left open
 *   (possibly because nothing had filled).</li>
 *   <li>{@link Status#UNWIND_FAILED}: a leg failed and something is or may be left open at the
 *   venue: an unwind that was refused or did not fill, a long leg deliberately kept as cover for a
 *   short leg that could not be bought back, or a leg whose state the venue could not confirm.
 *   {@code reason} names every such leg; it needs a human or the reconciler.</li>
 * </ul>
 *
 * <p>{@code legs} are in the caller's order (index = position in the caller's list), each saying
 * what happened and why. Invariants: {@code legs} non-empty and immutable; {@code reason} non-null
 * ("" only for FILLED).
 */
public record PackageResult(String packageId, Status status, List<LegOutcome> legs, String reason) {
    public enum Status { FILLED, UNWOUND, UNWIND_FAILED }

    /** What happened to a leg's own order. */
    public enum LegState {
        /** Filled completely. */
        FILLED,
        /** Refused, skipped or not completely filled in time; {@code filledQty} says what did fill. */
        FAILED,
        /** Never sent, because an earlier leg failed. */
        NOT_SENT,
        /** Placement or lookup failed, so the venue's state of the order is not known. */
        UNKNOWN
    }

    /**
     * The closing order of a leg's fill: opposite side, reduce-only, IOC.
     *
     * @param closedQty what of the fill it closed
     * @param closed    true when the whole fill is closed
     * @param avgPrice  the average price it closed at, when executions were seen
     * @param fees      the fees of its executions, in the settle coin
     */
    public record Unwind(String orderLinkId, Side side, BigDecimal qty, BigDecimal closedQty, boolean closed, String reason,
                         Optional<BigDecimal> avgPrice, BigDecimal fees) {
        public Unwind {
            Objects.requireNonNull(orderLinkId, "orderLinkId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(qty, "qty");
            Objects.requireNonNull(closedQty, "closedQty");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(avgPrice, "avgPrice");
            Objects.requireNonNull(fees, "fees");
        }
    }

    /**
     * One leg's story: its order's state and fill (average price when fills were seen, and the
     * executions' fees in the settle coin), why it ended so, and its unwind when its fill had to be closed ({@code unwind} empty when nothing
     * was filled, or the package filled). {@code leftOpen} is the quantity still open at the venue
     * because of this package (0 for a FILLED package's legs, which are meant to be open).
     */
    public record LegOutcome(int index, String symbol, Side side, BigDecimal qty, String orderLinkId, LegState state,
                             BigDecimal filledQty, Optional<BigDecimal> avgPrice, BigDecimal fees, String reason,
                             Optional<Unwind> unwind, BigDecimal leftOpen) {
        public LegOutcome {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(filledQty, "filledQty");
            Objects.requireNonNull(avgPrice, "avgPrice");
            Objects.requireNonNull(fees, "fees");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(unwind, "unwind");
            Objects.requireNonNull(leftOpen, "leftOpen");
        }
    }

    public PackageResult {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(status, "status");
        legs = List.copyOf(legs);
        if (legs.isEmpty()) throw new IllegalArgumentException("a package result needs its legs");
        Objects.requireNonNull(reason, "reason");
    }

    /** The legs left (or possibly left) open at the venue: non-empty exactly when UNWIND_FAILED. */
    public List<LegOutcome> openLegs() {
        return legs.stream().filter(l -> l.leftOpen().signum() > 0 || l.state() == LegState.UNKNOWN).toList();
    }
}
