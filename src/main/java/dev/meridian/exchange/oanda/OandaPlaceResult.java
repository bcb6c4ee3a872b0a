package dev.meridian.exchange.oanda;

import java.util.Objects;
import java.util.Optional;

/** How one order placement ended at OANDA (see {@link OandaRest#createOrder}). */
public sealed interface OandaPlaceResult {
    /**
     * 201: the order was created. A market or IOC order also carries its fill and/or the
     * cancellation of what did not fill; a resting limit order carries neither.
     */
    record Created(String orderId, Optional<OandaFill> fill, Optional<String> cancelReason) implements OandaPlaceResult {
        public Created {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(cancelReason, "cancelReason");
        }
    }

    /**
     * An order with this client id already exists: found by the lookup after an ambiguous attempt,
     * or refused with {@code CLIENT_ORDER_ID_ALREADY_EXISTS}. {@code how} says which.
     */
    record AlreadyPlaced(String how) implements OandaPlaceResult {
        public AlreadyPlaced {
            Objects.requireNonNull(how, "how");
        }
    }

    /** OANDA refused the order (nothing was created); {@code reason} is its reject reason or error message. */
    record Rejected(String reason) implements OandaPlaceResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
