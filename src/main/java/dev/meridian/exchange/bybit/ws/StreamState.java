package dev.meridian.exchange.bybit.ws;

import dev.meridian.core.Category;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of a {@link BybitPublicStream}, safe to read from any thread.
 *
 * <p>Invariants: {@code subscribed} and {@code failed.keySet()} are disjoint subsets of
 * {@code desired}; topics of {@code desired} in neither are awaiting an ack or a connection.
 * {@code subscribed} is empty unless the status is {@link Status#CONNECTED}.
 *
 * @param category      the stream's product category
 * @param status        connection status
 * @param reconnects    how many times the stream has reconnected after its first connection
 * @param lastMessageMs wall-clock epoch ms of the last inbound message of any kind, 0 if none yet
 * @param desired       topics the owner asked for (subscribe minus unsubscribe), in request order
 * @param subscribed    topics the exchange acknowledged on the current connection
 * @param failed        topics the exchange refused or never acknowledged, with the reason
 * @param lastError     the most recent connection problem (failed attempt, close reason), if any
 */
public record StreamState(Category category, Status status, int reconnects, long lastMessageMs,
                          Set<String> desired, Set<String> subscribed, Map<String, String> failed,
                          Optional<String> lastError) {

    public enum Status {
        /** Not running: before {@link BybitPublicStream#start()} or after {@link BybitPublicStream#stop()}. */
        STOPPED,
        /** Started; the first connection is not up yet (attempts may be failing and retrying). */
        CONNECTING,
        /** A connection is up. */
        CONNECTED,
        /** A connection was lost; waiting for the backoff delay or for the next attempt to finish. */
        RECONNECTING
    }

    public StreamState {
        desired = Collections.unmodifiableSet(new LinkedHashSet<>(desired));
        subscribed = Set.copyOf(subscribed);
        failed = Map.copyOf(failed);
    }

    StreamState withLastMessageMs(long ms) {
        return new StreamState(category, status, reconnects, ms, desired, subscribed, failed, lastError);
    }
}
