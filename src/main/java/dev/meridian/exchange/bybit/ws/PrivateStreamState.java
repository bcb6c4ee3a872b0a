package dev.meridian.exchange.bybit.ws;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a {@link BybitPrivateStream}, safe to read from any thread.
 *
 * <p>Invariants: {@code authFailure} is present exactly when the status is {@link Status#AUTH_FAILED};
 * {@code connectAttempts >= reconnects}.
 *
 * @param status          connection status
 * @param connectAttempts WebSocket connects tried since {@link BybitPrivateStream#start()}, failed ones included
 * @param reconnects      connections opened after the first one
 * @param lastMessageMs   wall-clock epoch ms of the last inbound message of any kind, 0 if none yet
 * @param malformedFrames frames dropped as malformed
 * @param authFailure     Bybit's reason for refusing our credentials, if it did
 * @param lastError       the most recent connection problem, if any
 */
public record PrivateStreamState(Status status, int connectAttempts, int reconnects, long lastMessageMs,
                                 long malformedFrames, Optional<String> authFailure, Optional<String> lastError) {

    public enum Status {
        /** Before {@link BybitPrivateStream#start()} or after {@link BybitPrivateStream#stop()}. */
        STOPPED,
        /** Opening a WebSocket (first or after a loss). */
        CONNECTING,
        /** Open; our auth request awaits its answer. */
        AUTHENTICATING,
        /** Authenticated; the subscribe request awaits its ack. */
        SUBSCRIBING,
        /** Authenticated and subscribed: private pushes flow. */
        LIVE,
        /** A connection was lost; waiting out the backoff before the next attempt. */
        RECONNECTING,
        /** Terminal: Bybit refused the credentials; see {@code authFailure}. */
        AUTH_FAILED
    }

    public PrivateStreamState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(authFailure, "authFailure");
        Objects.requireNonNull(lastError, "lastError");
    }
}
