package dev.meridian.exchange.oanda;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A change of the pricing stream's connection. CONNECTED: OANDA answered 200 and prices flow.
 * RECONNECTING: the connection failed, ended, stalled or was refused; {@code reason} says which
 * (with {@code httpStatus} when OANDA answered with a status other than 200) and another attempt is
 * scheduled. STOPPED: {@link OandaPricingStream#stop()} ended it for good.
 *
 * @param reconnects connections established after the first one, so far
 */
public record OandaStreamEvent(Status status, String reason, OptionalInt httpStatus, int reconnects, long timeMs) {
    public enum Status { CONNECTED, RECONNECTING, STOPPED }

    public OandaStreamEvent {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(httpStatus, "httpStatus");
    }
}
