package dev.meridian.exchange.bybit.rest;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link BybitTradingClient#place}: what the caller may now assume about the order.
 * Exactly one of the permitted records; {@link #kind()} names it for a switch.
 *
 * <ul>
 *   <li>{@link Placed}: Bybit acknowledged this very request (an async ack: fills arrive later).</li>
 *   <li>{@link AlreadyPlaced}: an order with this {@code orderLinkId} exists at Bybit, found by lookup
 *       after an ambiguous attempt or reported as a duplicate; do not place it again.</li>
 *   <li>{@link Rejected}: Bybit refused it for good (a business retCode); resending the same order fails the same way.</li>
 *   <li>{@link Skipped}: never sent, because it breaks the instrument's minimums after rounding.</li>
 *   <li>{@link Disabled}: never sent or refused for authentication; the client is disabled until rebuilt.</li>
 *   <li>{@link LockedOut}: never sent or refused with HTTP 403; no request leaves before {@code untilMs}.</li>
 * </ul>
 */
public sealed interface PlaceResult {
    enum Kind { PLACED, ALREADY_PLACED, REJECTED, SKIPPED, DISABLED, LOCKED_OUT }

    Kind kind();

    /** Bybit's {@code orderId} when this result knows one. */
    default Optional<String> orderId() {
        return Optional.empty();
    }

    record Placed(String id) implements PlaceResult {
        public Placed {
            Objects.requireNonNull(id, "id");
        }

        @Override public Kind kind() { return Kind.PLACED; }

        @Override public Optional<String> orderId() { return Optional.of(id); }
    }

    /** {@code id} is empty when the duplicate answer came and the lookup could not name the order. */
    record AlreadyPlaced(Optional<String> id) implements PlaceResult {
        public AlreadyPlaced {
            Objects.requireNonNull(id, "id");
        }

        @Override public Kind kind() { return Kind.ALREADY_PLACED; }

        @Override public Optional<String> orderId() { return id; }
    }

    record Rejected(int retCode, String retMsg) implements PlaceResult {
        @Override public Kind kind() { return Kind.REJECTED; }
    }

    record Skipped(String reason) implements PlaceResult {
        @Override public Kind kind() { return Kind.SKIPPED; }
    }

    record Disabled(String reason) implements PlaceResult {
        @Override public Kind kind() { return Kind.DISABLED; }
    }

    /** {@code untilMs} is on the client's local clock (epoch ms). */
    record LockedOut(long untilMs) implements PlaceResult {
        @Override public Kind kind() { return Kind.LOCKED_OUT; }
    }
}
