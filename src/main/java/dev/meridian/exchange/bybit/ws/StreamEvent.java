package dev.meridian.exchange.bybit.ws;

import dev.meridian.core.Category;

import java.util.List;

/**
 * What a {@link BybitPublicStream} tells its owner about its connection, delivered on the stream's
 * event loop. No event is delivered once {@link BybitPublicStream#stop()} has been called.
 *
 * <p>Every {@link Connected} after the first is preceded by exactly one {@link Disconnected}. Data is
 * missing between {@link Disconnected#lastMessageMs()} and the moment the re-sent subscriptions take
 * effect shortly after {@link Connected#atMs()}; the owner backfills that gap over REST.
 */
public sealed interface StreamEvent {

    Category category();

    /**
     * A WebSocket connection is up; every desired topic has just been (re)subscribed.
     *
     * @param reconnectCount 0 for the first connection, then how many times the stream has reconnected
     * @param atMs           wall-clock epoch ms of the handshake
     */
    record Connected(Category category, int reconnectCount, long atMs) implements StreamEvent {
    }

    /**
     * The connection was lost (closed by the server, network error, or dropped by us after a stall); a
     * reconnect is already scheduled.
     *
     * @param reason        human-readable cause, for logs and status pages
     * @param lastMessageMs wall-clock epoch ms of the last inbound message of any kind on this stream
     *                      (any connection), 0 if none ever arrived. Everything sent before it was
     *                      received, so it is where a REST backfill starts.
     * @param atMs          wall-clock epoch ms at which the loss was noticed
     */
    record Disconnected(Category category, String reason, long lastMessageMs, long atMs) implements StreamEvent {
    }

    /**
     * The exchange refused topics (or never acknowledged them). They are recorded as failed in
     * {@link StreamState#failed()} and retried once after the next reconnect, or when subscribed again.
     *
     * @param topics the refused topics
     * @param reason the exchange's {@code ret_msg}, or our own explanation
     */
    record SubscribeFailed(Category category, List<String> topics, String reason) implements StreamEvent {
        public SubscribeFailed {
            topics = List.copyOf(topics);
        }
    }
}
