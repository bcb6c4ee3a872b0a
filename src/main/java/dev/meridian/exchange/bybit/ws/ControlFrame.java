package dev.meridian.exchange.bybit.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A control frame of the Bybit V5 public stream: a subscribe/unsubscribe ack, a pong, or another
 * answer to one of our requests (never market data).
 *
 * <p>{@link #parse} is the cheap gate every inbound text frame goes through. Market data always
 * carries a {@code "topic"} key, so a frame containing that token is data and is not parsed here at
 * all; only the rare frames without it (acks every few requests, a pong every ping interval) are
 * parsed. The shapes recognised are those of the V5 "connect" page: spot, linear and private acks
 * ({@code op} + {@code success} + {@code ret_msg} [+ {@code req_id}]), option acks
 * ({@code "type":"COMMAND_RESP"} with {@code data.successTopics/failTopics}, no {@code req_id}), and
 * every pong shape (pybit's rule: {@code ret_msg=="pong"} or {@code op=="pong"}).
 *
 * @param kind          what the frame is
 * @param op            the {@code op} field, or "" when absent (option acks have none)
 * @param reqId         the echoed {@code req_id}, or "" when absent or empty
 * @param success       the {@code success} flag; true when absent (pongs)
 * @param retMsg        {@code ret_msg}, or "" when absent
 * @param topicLists    whether the frame listed topics one by one ({@code data.successTopics/failTopics})
 * @param successTopics topics the exchange accepted (option acks only)
 * @param failTopics    topics the exchange refused (option acks only)
 */
record ControlFrame(Kind kind, String op, String reqId, boolean success, String retMsg,
                    boolean topicLists, List<String> successTopics, List<String> failTopics) {

    enum Kind {
        /** Any pong shape: only proves the connection is alive. */
        PONG,
        /** Answer to a subscribe or unsubscribe request. */
        ACK,
        /** Some other answer of the server (e.g. a complaint about a malformed request); logged, never data. */
        OTHER
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    ControlFrame {
        successTopics = List.copyOf(successTopics);
        failTopics = List.copyOf(failTopics);
    }

    /**
     * Classifies one inbound text frame.
     *
     * @return the control frame, or null when the frame is data, is not JSON, or is JSON of no
     *         control shape; all of those go to the data callback untouched
     */
    static ControlFrame parse(String text) {
        if (text.contains("\"topic\"")) {
            return null;
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.isObject()) {
            return null;
        }
        String op = n.path("op").asText("");
        String type = n.path("type").asText("");
        String retMsg = n.path("ret_msg").asText("");
        boolean commandResp = "COMMAND_RESP".equals(type);
        if (op.isEmpty() && !commandResp && !n.has("success") && !n.has("ret_msg")) {
            return null;
        }
        String reqId = n.path("req_id").asText("");
        boolean success = n.path("success").asBoolean(true);
        Kind kind;
        if ("pong".equals(op) || "pong".equals(retMsg)) {
            kind = Kind.PONG;
        } else if (commandResp || "subscribe".equals(op) || "unsubscribe".equals(op)) {
            kind = Kind.ACK;
        } else {
            kind = Kind.OTHER;
        }
        JsonNode data = n.path("data");
        boolean lists = data.has("successTopics") || data.has("failTopics");
        return new ControlFrame(kind, op, reqId, success, retMsg, lists,
                strings(data.path("successTopics")), strings(data.path("failTopics")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
