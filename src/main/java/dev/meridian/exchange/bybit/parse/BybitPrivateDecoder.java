package dev.meridian.exchange.bybit.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.Side;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.OrderStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the text frames of a Bybit V5 private stream ({@code /v5/private}) into
 * {@link PrivateFrame}s: typed events of the {@code order}, {@code execution}, {@code wallet} and
 * {@code position} topics (also their per-category variants such as {@code order.spot} or
 * {@code position.linear}), and control answers.
 *
 * <p>Contract: {@link #decode} never throws. A frame that is not one JSON object, has neither a
 * {@code topic} nor an {@code op}, names another topic, or has any {@code data} item with a missing
 * required field, a field of the wrong type, an invalid number or an unknown order status comes back
 * as {@link PrivateFrame.Malformed} and is counted in {@link #malformedFrames()}. Such a frame is
 * dropped whole, never partly delivered: a half-applied frame would be harder to reconcile than a
 * missing one, and REST reconciliation recovers either. Fields we do not use are ignored.
 *
 * <p>Amounts arrive as JSON strings and become exact {@link BigDecimal}s (never via double); an
 * empty string in an optional amount is decoded as null. Times are accepted as a JSON integer or a
 * string of digits (Bybit sends {@code updatedTime} and {@code execTime} as strings,
 * {@code creationTime} as a number).
 *
 * <p>Executions: only {@code execType == "Trade"} becomes a {@link BybitTradeExecution} (carrying an
 * {@link Execution}); every other execType becomes a {@link BybitNonTradeExecution}.
 *
 * <p>Private traffic is a few frames a second at most, so a tree parse is used for clarity rather
 * than the streaming tricks of {@link BybitFrameDecoder}. Not thread-safe (the counter): one decoder
 * per stream.
 */
public final class BybitPrivateDecoder {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int MAX_REASON_CHARS = 200;

    private long malformedFrames;

    /** How many frames {@link #decode} returned as {@link PrivateFrame.Malformed}. */
    public long malformedFrames() {
        return malformedFrames;
    }

    /** Decodes one text frame; see the class contract. A null frame is malformed. */
    public PrivateFrame decode(String frame) {
        PrivateFrame result;
        try {
            result = decodeText(frame);
        } catch (Bad e) {
            result = new PrivateFrame.Malformed(e.getMessage());
        } catch (JsonProcessingException e) {
            // Jackson's message may quote a long stretch of the input; keep the reason short.
            result = new PrivateFrame.Malformed("bad JSON: " + clip(String.valueOf(e.getOriginalMessage())));
        } catch (RuntimeException e) {
            // Not reachable by any input we know of; kept so a decoder bug drops one frame, not the stream.
            result = new PrivateFrame.Malformed("undecodable frame: " + clip(e.toString()));
        }
        if (result instanceof PrivateFrame.Malformed) {
            malformedFrames++;
        }
        return result;
    }

    private PrivateFrame decodeText(String frame) throws JsonProcessingException {
        if (frame == null) throw new Bad("null frame");
        JsonNode root = JSON.readTree(frame);
        if (root == null || !root.isObject()) throw new Bad("frame is not a JSON object");
        JsonNode topicNode = root.get("topic");
        if (topicNode == null) {
            return control(root);
        }
        if (!topicNode.isTextual()) throw new Bad("topic must be a string");
        String topic = topicNode.textValue();
        String kind = isTopic(topic, "order") ? "order" : isTopic(topic, "execution") ? "execution"
                : isTopic(topic, "wallet") ? "wallet" : isTopic(topic, "position") ? "position" : null;
        if (kind == null) throw new Bad("unknown topic " + clip(topic));
        JsonNode data = root.get("data");
        if (data == null) throw new Bad(topic + ": missing data");
        if (!data.isArray()) throw new Bad(topic + ": data must be an array");
        long creationTime = root.has("creationTime") ? time(root, "frame", "creationTime") : 0;
        List<PrivateEvent> events = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String at = topic + ": data[" + i + "]";
            if (!item.isObject()) throw new Bad(at + " must be an object");
            events.add(switch (kind) {
                case "order" -> order(item, at);
                case "execution" -> execution(item, at);
                case "position" -> position(item, at);
                default -> wallet(item, at, creationTime);
            });
        }
        return new PrivateFrame.Events(topic, events);
    }

    /** {@code base} itself or a per-category variant ({@code order.spot}); {@code execution.fast} has other fields. */
    private static boolean isTopic(String topic, String base) {
        if (topic.equals(base)) return true;
        if (!topic.startsWith(base + ".")) return false;
        String category = topic.substring(base.length() + 1);
        return category.equals("spot") || category.equals("linear") || category.equals("inverse") || category.equals("option");
    }

    private static PrivateFrame control(JsonNode root) {
        JsonNode op = root.get("op");
        if (op == null) throw new Bad("neither topic nor op");
        if (!op.isTextual()) throw new Bad("op must be a string");
        boolean success;
        JsonNode s = root.get("success");
        JsonNode retCode = root.get("retCode");
        if (s != null && !s.isNull()) {
            if (!s.isBoolean()) throw new Bad("success must be a boolean");
            success = s.booleanValue();
        } else if (retCode != null && !retCode.isNull()) {
            if (!retCode.isIntegralNumber()) throw new Bad("retCode must be an integer");
            success = retCode.longValue() == 0;
        } else {
            success = true;
        }
        String retMsg = firstText(root, "ret_msg", "retMsg");
        String reqId = firstText(root, "req_id", "reqId");
        return new PrivateFrame.Control(op.textValue(), success, retMsg, reqId);
    }

    private static String firstText(JsonNode root, String a, String b) {
        JsonNode n = root.has(a) ? root.get(a) : root.get(b);
        return n == null || n.isNull() ? "" : n.asText();
    }

    // ---- order

    private static BybitOrderUpdate order(JsonNode o, String at) {
        String bybitStatus = text(o, at, "orderStatus");
        OrderStatus status = BybitOrderUpdate.mapStatus(bybitStatus)
                .orElseThrow(() -> new Bad(at + ".orderStatus unknown: " + clip(bybitStatus)));
        Map<String, BigDecimal> feeDetail = feeDetail(o, at);
        BigDecimal cumExecFee = feeDetail.size() == 1 ? feeDetail.values().iterator().next()
                : optionalDecimal(o, at, "cumExecFee");
        return new BybitOrderUpdate(
                text(o, at, "category"),
                text(o, at, "orderId"),
                optionalText(o, at, "orderLinkId"),
                text(o, at, "symbol"),
                side(o, at),
                status,
                bybitStatus,
                nonNegative(o, at, "qty"),
                nonNegative(o, at, "cumExecQty"),
                optionalDecimal(o, at, "avgPrice"),
                cumExecFee,
                feeDetail,
                optionalText(o, at, "cancelType"),
                optionalText(o, at, "rejectReason"),
                time(o, at, "updatedTime"));
    }

    private static Map<String, BigDecimal> feeDetail(JsonNode o, String at) {
        JsonNode d = o.get("cumFeeDetail");
        if (d == null || d.isNull()) return Map.of();
        if (!d.isObject()) throw new Bad(at + ".cumFeeDetail must be an object");
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
            String coin = it.next();
            BigDecimal fee = optionalDecimal(d, at + ".cumFeeDetail", coin);
            if (fee == null) throw new Bad(at + ".cumFeeDetail." + clip(coin) + " must be a decimal");
            out.put(coin, fee);
        }
        return out;
    }

    private static Side side(JsonNode o, String at) {
        String side = text(o, at, "side");
        return switch (side) {
            case "Buy" -> Side.BUY;
            case "Sell" -> Side.SELL;
            default -> throw new Bad(at + ".side must be Buy or Sell, got " + clip(side));
        };
    }

    // ---- execution

    private static PrivateEvent execution(JsonNode o, String at) {
        String execType = text(o, at, "execType");
        String category = text(o, at, "category");
        String execId = text(o, at, "execId");
        String symbol = text(o, at, "symbol");
        String orderId = optionalText(o, at, "orderId");
        String orderLinkId = optionalText(o, at, "orderLinkId");
        String feeCurrency = optionalText(o, at, "feeCurrency");
        long time = time(o, at, "execTime");
        if (!"Trade".equals(execType)) {
            return new BybitNonTradeExecution(category, execType, execId, orderId, orderLinkId, symbol,
                    optionalDecimal(o, at, "execQty"), optionalDecimal(o, at, "execPrice"),
                    optionalDecimal(o, at, "execFee"), feeCurrency, time);
        }
        if (orderId.isEmpty()) throw new Bad(at + ".orderId missing on a Trade execution");
        BigDecimal qty = decimal(o, at, "execQty");
        BigDecimal price = decimal(o, at, "execPrice");
        if (qty.signum() <= 0) throw new Bad(at + ".execQty must be > 0");
        if (price.signum() <= 0) throw new Bad(at + ".execPrice must be > 0");
        BigDecimal[] fee = Execution.splitFee(symbol, decimal(o, at, "execFee"), feeCurrency);
        Execution e;
        try {
            e = new Execution(orderLinkId, execId, symbol, qty, price, fee[0], fee[1], bool(o, at, "isMaker"), time);
        } catch (IllegalArgumentException x) {
            throw new Bad(at + ": " + x.getMessage());
        }
        return new BybitTradeExecution(category, orderId, feeCurrency, e);
    }

    // ---- position

    private static BybitPositionUpdate position(JsonNode o, String at) {
        String rawSide = optionalText(o, at, "side");
        Optional<Side> side = rawSide.isEmpty() || "None".equals(rawSide) ? Optional.empty() : Optional.of(side(o, at));
        JsonNode idx = o.get("positionIdx");
        int positionIdx = 0;
        if (idx != null && !idx.isNull()) {
            if (!idx.isInt()) throw new Bad(at + ".positionIdx must be an integer");
            positionIdx = idx.intValue();
        }
        JsonNode updated = o.get("updatedTime");
        boolean noTime = updated == null || updated.isNull() || (updated.isTextual() && updated.textValue().isEmpty());
        return new BybitPositionUpdate(text(o, at, "category"), text(o, at, "symbol"), positionIdx, side,
                nonNegative(o, at, "size"), optionalDecimal(o, at, "entryPrice"), optionalDecimal(o, at, "markPrice"),
                optionalDecimal(o, at, "liqPrice"), optionalDecimal(o, at, "leverage"),
                noTime ? 0 : time(o, at, "updatedTime"));
    }

    // ---- wallet

    private static BybitWalletUpdate wallet(JsonNode o, String at, long creationTime) {
        JsonNode coins = o.get("coin");
        List<BybitWalletUpdate.Coin> out = new ArrayList<>();
        if (coins != null && !coins.isNull()) {
            if (!coins.isArray()) throw new Bad(at + ".coin must be an array");
            for (int i = 0; i < coins.size(); i++) {
                JsonNode c = coins.get(i);
                String cat = at + ".coin[" + i + "]";
                if (!c.isObject()) throw new Bad(cat + " must be an object");
                out.add(new BybitWalletUpdate.Coin(text(c, cat, "coin"), optionalDecimal(c, cat, "walletBalance"),
                        optionalDecimal(c, cat, "equity"), optionalDecimal(c, cat, "locked")));
            }
        }
        return new BybitWalletUpdate(text(o, at, "accountType"), optionalDecimal(o, at, "totalEquity"), out, creationTime);
    }

    // ---- fields

    /** A required non-empty string. */
    private static String text(JsonNode o, String at, String field) {
        String s = optionalText(o, at, field);
        if (s.isEmpty()) throw new Bad(at + "." + field + " missing");
        return s;
    }

    /** A string, "" when absent or null. */
    private static String optionalText(JsonNode o, String at, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return "";
        if (!n.isTextual()) throw new Bad(at + "." + field + " must be a string");
        return n.textValue();
    }

    private static BigDecimal decimal(JsonNode o, String at, String field) {
        BigDecimal d = optionalDecimal(o, at, field);
        if (d == null) throw new Bad(at + "." + field + " missing");
        return d;
    }

    private static BigDecimal nonNegative(JsonNode o, String at, String field) {
        BigDecimal d = decimal(o, at, field);
        if (d.signum() < 0) throw new Bad(at + "." + field + " must be >= 0");
        return d;
    }

    /** A decimal sent as a string; null when absent, null or "". A JSON number is a wrong type, as on the public stream. */
    private static BigDecimal optionalDecimal(JsonNode o, String at, String field) {
        String s = optionalText(o, at, field);
        if (s.isEmpty()) return null;
        BigDecimal d = Decimals.parse(s.toCharArray(), 0, s.length());
        if (d == null) throw new Bad(at + "." + field + " is not a decimal: " + clip(s));
        return d;
    }

    private static boolean bool(JsonNode o, String at, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) throw new Bad(at + "." + field + " must be a boolean");
        return n.booleanValue();
    }

    /** Epoch ms as a non-negative JSON integer or a string of at most 18 digits. */
    private static long time(JsonNode o, String at, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) throw new Bad(at + "." + field + " missing");
        if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0) return n.longValue();
        if (n.isTextual()) {
            String s = n.textValue();
            if (!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(s);
            }
        }
        throw new Bad(at + "." + field + " must be epoch ms");
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS) + "…";
    }

    /** A fault in a frame; carries no stack trace, which would only cost time on a bad feed. */
    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
