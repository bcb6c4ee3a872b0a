package dev.meridian.exchange.bybit.parse;

import java.util.List;
import java.util.Objects;

/**
 * What one text frame of the Bybit V5 private stream is, as decided by {@link BybitPrivateDecoder}.
 */
public sealed interface PrivateFrame {

    /**
     * Data of the {@code order}, {@code execution}, {@code wallet} or {@code position} topic, one event per {@code data}
     * item in the frame's order (possibly none, for an empty {@code data} array).
     */
    record Events(String topic, List<PrivateEvent> events) implements PrivateFrame {
        public Events {
            Objects.requireNonNull(topic, "topic");
            events = List.copyOf(events);
        }
    }

    /**
     * An answer to one of our requests ({@code auth}, {@code subscribe}, {@code pong}) or any other
     * frame carrying an {@code op} and no {@code topic}.
     *
     * @param op      the {@code op} field
     * @param success {@code success} when present, else {@code retCode == 0} when present (the trade
     *                stream's shape), else true
     * @param retMsg  {@code ret_msg} or {@code retMsg}, "" when absent
     * @param reqId   {@code req_id} or {@code reqId}, "" when absent
     */
    record Control(String op, boolean success, String retMsg, String reqId) implements PrivateFrame {
        public Control {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(retMsg, "retMsg");
            Objects.requireNonNull(reqId, "reqId");
        }
    }

    /** A frame that was dropped; {@code reason} names the first fault found. */
    record Malformed(String reason) implements PrivateFrame {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
