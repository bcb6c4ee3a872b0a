package dev.meridian.exchange.bybit.ws;

import java.util.List;

/**
 * What a {@link BybitPrivateStream} tells its owner about its connection, delivered on the stream's
 * event loop; none is delivered once {@link BybitPrivateStream#stop()} has been called.
 *
 * <p>Every {@link Connected} after the first is preceded by a {@link Disconnected}. Order and
 * execution pushes are missing between {@link Disconnected#lastMessageMs()} and the next
 * {@link Connected}, and Bybit replays none of them: on every {@code Connected} after the first the
 * owner reconciles open orders, executions and the wallet over REST. {@link AuthFailed} is terminal.
 */
public sealed interface PrivateStreamEvent {

    /**
     * Authenticated and subscribed to every topic of the stream (acked).
     *
     * @param reconnectCount 0 for the first connection, then how many times the stream has reconnected
     * @param atMs           wall-clock epoch ms of the subscribe ack
     */
    record Connected(int reconnectCount, long atMs) implements PrivateStreamEvent {
    }

    /**
     * The connection was lost (closed, network error, silence, or no answer to auth or subscribe in
     * time); a reconnect is already scheduled.
     *
     * @param reason        human-readable cause
     * @param lastMessageMs wall-clock epoch ms of the last inbound message on any connection, 0 if none
     * @param atMs          wall-clock epoch ms at which the loss was noticed
     */
    record Disconnected(String reason, long lastMessageMs, long atMs) implements PrivateStreamEvent {
    }

    /**
     * Bybit refused our credentials. Terminal: the stream closed its connection and will not retry,
     * since retrying bad keys only hammers the exchange (and risks an IP ban); an operator fixes the
     * keys (or the clock, when the reason is about {@code expires}) and restarts.
     *
     * @param reason Bybit's {@code ret_msg}, e.g. {@code "Params Error"} or {@code "Invalid sign"}
     * @param atMs   wall-clock epoch ms of the refusal
     */
    record AuthFailed(String reason, long atMs) implements PrivateStreamEvent {
    }

    /**
     * Bybit refused the subscription to these topics; the stream drops the connection and tries
     * again after the (growing) reconnect backoff.
     *
     * @param topics the refused topics
     * @param reason Bybit's {@code ret_msg}
     */
    record SubscribeFailed(List<String> topics, String reason) implements PrivateStreamEvent {
        public SubscribeFailed {
            topics = List.copyOf(topics);
        }
    }
}
