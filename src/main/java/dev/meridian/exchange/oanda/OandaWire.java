package dev.meridian.exchange.oanda;

import dev.meridian.exchange.JsonFields;
import dev.meridian.exchange.JsonFields.Malformed;

import static dev.meridian.exchange.JsonFields.array;
import static dev.meridian.exchange.JsonFields.at;
import static dev.meridian.exchange.JsonFields.decimal;
import static dev.meridian.exchange.JsonFields.integer;
import static dev.meridian.exchange.JsonFields.object;
import static dev.meridian.exchange.JsonFields.optDecimal;
import static dev.meridian.exchange.JsonFields.optText;
import static dev.meridian.exchange.JsonFields.required;
import static dev.meridian.exchange.JsonFields.text;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OANDA v20 JSON to records. OANDA sends decimals as strings (parsed exactly, never through a
 * double), integers such as counts as JSON numbers, and times as RFC 3339 with nanoseconds (the
 * client asks for that format explicitly). A missing or unparsable field throws {@link Malformed}
 * ({@link JsonFields}, whose typed reads this uses)
 * naming its JSON path; nothing here returns null or guesses a default for a required field.
 */
final class OandaWire {
    private OandaWire() {
    }

    /** What the client asked OANDA for: {@code Accept-Datetime-Format} of every request. */
    static final String DATETIME_FORMAT = "RFC3339";

    // ---- REST bodies ----

    static JsonObject body(Buffer body) { return JsonFields.jsonObject(body); }

    /**
     * The account summary. The last transaction id is the response's top-level
     * {@code lastTransactionID} (the newest transaction when OANDA answered, which the account's fields
     * reflect); {@code account.lastTransactionID}, the same id inside the account, stands in when the
     * top-level one is absent.
     */
    static OandaAccountSummary summary(JsonObject body) {
        JsonObject a = object(body, "account", "");
        String p = "account";
        long lastTx = body.getValue("lastTransactionID") != null ? transactionId(body, "lastTransactionID", "")
                : transactionId(a, "lastTransactionID", p);
        return new OandaAccountSummary(text(a, "id", p), text(a, "currency", p), decimal(a, "balance", p), decimal(a, "NAV", p),
                decimal(a, "unrealizedPL", p), decimal(a, "marginUsed", p), decimal(a, "marginAvailable", p),
                Math.toIntExact(integer(a, "openPositionCount", p)), lastTx);
    }

    /** The answer of {@code GET /v3/instruments/{instrument}/candles} with {@code price=M}. */
    static List<OandaCandle> candles(JsonObject body) {
        JsonArray list = array(body, "candles", "");
        List<OandaCandle> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "candles[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject c)) throw new Malformed(p, "is not an object");
            JsonObject mid = object(c, "mid", p);
            String m = p + ".mid";
            Object complete = c.getValue("complete");
            try {
                out.add(new OandaCandle(timeMs(c, "time", p), decimal(mid, "o", m), decimal(mid, "h", m), decimal(mid, "l", m),
                        decimal(mid, "c", m), integer(c, "volume", p), Boolean.TRUE.equals(complete)));
            } catch (IllegalArgumentException e) {
                throw new Malformed(p, e.getMessage());
            }
        }
        return out;
    }

    /** The 201 answer of {@code POST .../orders}. */
    static OandaPlaceResult.Created created(JsonObject body) {
        JsonObject create = object(body, "orderCreateTransaction", "");
        String orderId = text(create, "id", "orderCreateTransaction");
        Optional<OandaFill> fill = body.getValue("orderFillTransaction") == null ? Optional.empty()
                : Optional.of(fill(object(body, "orderFillTransaction", ""), "orderFillTransaction"));
        Optional<String> cancel = body.getValue("orderCancelTransaction") == null ? Optional.empty()
                : Optional.of(text(object(body, "orderCancelTransaction", ""), "reason", "orderCancelTransaction"));
        return new OandaPlaceResult.Created(orderId, fill, cancel);
    }

    /**
     * An {@code ORDER_FILL} transaction. {@code price} is the documented fill price; should OANDA
     * drop it (the v20 docs mark it deprecated in favour of the per-trade prices), {@code fullVWAP},
     * the volume-weighted price of all the fill's units, takes its place.
     */
    static OandaFill fill(JsonObject tx, String path) {
        String type = text(tx, "type", path);
        if (!"ORDER_FILL".equals(type)) throw new Malformed(at(path, "type"), "is " + type + ", not ORDER_FILL");
        BigDecimal price = optDecimal(tx, "price", path);
        if (price == null) price = decimal(tx, "fullVWAP", path);
        try {
            return new OandaFill(text(tx, "id", path), text(tx, "orderID", path), orEmpty(optText(tx, "clientOrderID", path)),
                    text(tx, "instrument", path), decimal(tx, "units", path), price, orZero(optDecimal(tx, "commission", path)),
                    orZero(optDecimal(tx, "financing", path)), orZero(optDecimal(tx, "halfSpreadCost", path)),
                    orZero(optDecimal(tx, "pl", path)), timeMs(tx, "time", path));
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, e.getMessage());
        }
    }

    /** {@code {"transaction": {...}}} of {@code GET .../transactions/{id}}, which must be a fill. */
    static OandaFill fillTransaction(JsonObject body) {
        return fill(object(body, "transaction", ""), "transaction");
    }

    /**
     * One page of {@code GET .../transactions/sinceid}: the transactions after the asked id, oldest
     * first, and the account's newest transaction id when OANDA answered.
     */
    record TransactionPage(List<OandaTransaction> transactions, long lastTransactionId) {
        TransactionPage {
            transactions = List.copyOf(transactions);
        }
    }

    /**
     * {@code {"transactions":[...],"lastTransactionID":"..."}}. Every transaction must have an integer
     * {@code id}: without one it cannot be moved past, so the page is {@link Malformed}. Past the id a
     * transaction never fails the page: an {@code ORDER_FILL} is read in detail
     * ({@link #orderFill}) and one that does not read is {@link OandaTransaction.Unreadable}, as is a
     * transaction without a {@code type}; other types are {@link OandaTransaction.Other}.
     */
    static TransactionPage transactionPage(JsonObject body) {
        JsonArray list = array(body, "transactions", "");
        long last = transactionId(body, "lastTransactionID", "");
        List<OandaTransaction> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String p = "transactions[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject tx)) throw new Malformed(p, "is not an object");
            long id = transactionId(tx, "id", p);
            String type = tx.getValue("type") instanceof String t ? t : "";
            try {
                if (type.isEmpty()) throw new Malformed(at(p, "type"), "is missing");
                out.add("ORDER_FILL".equals(type) ? orderFill(id, tx, p)
                        : "DAILY_FINANCING".equals(type) ? dailyFinancing(id, tx, p) : new OandaTransaction.Other(id, type));
            } catch (Malformed | IllegalArgumentException | ArithmeticException e) {
                out.add(new OandaTransaction.Unreadable(id, type, e.getMessage()));
            }
        }
        return new TransactionPage(out, last);
    }

    /** A {@code DAILY_FINANCING}: each position's {@code financing}, summed per instrument. */
    static OandaTransaction.Financing dailyFinancing(long id, JsonObject tx, String path) {
        java.util.Map<String, BigDecimal> by = new java.util.TreeMap<>();
        if (tx.getValue("positionFinancings") != null) {
            JsonArray list = array(tx, "positionFinancings", path);
            for (int j = 0; j < list.size(); j++) {
                String p = at(path, "positionFinancings[" + j + "]");
                if (!(list.getValue(j) instanceof JsonObject f)) throw new Malformed(p, "is not an object");
                by.merge(text(f, "instrument", p), decimal(f, "financing", p), BigDecimal::add);
            }
        }
        return new OandaTransaction.Financing(id, timeMs(tx, "time", path), by);
    }

    /**
     * An {@code ORDER_FILL} with what it did to trades: the unsigned units of {@code tradesClosed}
     * (each trade closed whole) and {@code tradeReduced} (the trade closed in part) make the closed
     * units, those of {@code tradeOpened} the opened units; a part that is absent counts zero.
     * {@code reason} is required: it says what kind of order filled.
     */
    static OandaTransaction.Fill orderFill(long id, JsonObject tx, String path) {
        OandaFill fill = fill(tx, path);
        String reason = text(tx, "reason", path);
        BigDecimal closed = BigDecimal.ZERO;
        if (tx.getValue("tradesClosed") != null) {
            JsonArray trades = array(tx, "tradesClosed", path);
            for (int j = 0; j < trades.size(); j++) {
                String p = at(path, "tradesClosed[" + j + "]");
                if (!(trades.getValue(j) instanceof JsonObject t)) throw new Malformed(p, "is not an object");
                closed = closed.add(decimal(t, "units", p).abs());
            }
        }
        if (tx.getValue("tradeReduced") != null) {
            closed = closed.add(decimal(object(tx, "tradeReduced", path), "units", at(path, "tradeReduced")).abs());
        }
        BigDecimal opened = tx.getValue("tradeOpened") == null ? BigDecimal.ZERO
                : decimal(object(tx, "tradeOpened", path), "units", at(path, "tradeOpened")).abs();
        return new OandaTransaction.Fill(id, fill, reason, closed, opened, orZero(optDecimal(tx, "guaranteedExecutionFee", path)));
    }

    static OandaOrder order(JsonObject o, String path) {
        String rawState = text(o, "state", path);
        OandaOrder.State state;
        try {
            state = OandaOrder.State.valueOf(rawState);
        } catch (IllegalArgumentException e) {
            throw new Malformed(at(path, "state"), "is not PENDING, FILLED, TRIGGERED or CANCELLED: \"" + rawState + "\"");
        }
        JsonObject ext = o.getValue("clientExtensions") == null ? new JsonObject() : object(o, "clientExtensions", path);
        return new OandaOrder(text(o, "id", path), orEmpty(optText(ext, "id", at(path, "clientExtensions"))), text(o, "type", path),
                state, Optional.ofNullable(optDecimal(o, "units", path)), Optional.ofNullable(optText(o, "fillingTransactionID", path)),
                Optional.ofNullable(optText(o, "cancellingTransactionID", path)), Optional.ofNullable(optText(o, "tradeID", path)));
    }

    /** {@code {"order": {...}}} of {@code GET .../orders/{specifier}}. */
    static OandaOrder orderBody(JsonObject body) {
        return order(object(body, "order", ""), "order");
    }

    /** {@code {"orders": [...]}} of {@code GET .../pendingOrders}. */
    static List<OandaOrder> orders(JsonObject body) {
        JsonArray list = array(body, "orders", "");
        List<OandaOrder> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object v = list.getValue(i);
            String p = "orders[" + i + "]";
            if (!(v instanceof JsonObject o)) throw new Malformed(p, "is not an object");
            out.add(order(o, p));
        }
        return List.copyOf(out);
    }

    /**
     * OANDA's error fields of a refused request: {@code errorCode}, {@code errorMessage} and the
     * {@code rejectReason} of an {@code orderRejectTransaction}, each empty when absent. A body that
     * is not JSON yields three empties: the status alone must then explain.
     */
    record Error(String errorCode, String errorMessage, String rejectReason) {
    }

    static Error error(Buffer body) {
        JsonObject o;
        try {
            o = body(body);
        } catch (Malformed m) {
            return new Error("", "", "");
        }
        String reject = o.getValue("orderRejectTransaction") instanceof JsonObject r && r.getValue("rejectReason") instanceof String s
                ? s : "";
        return new Error(o.getValue("errorCode") instanceof String c ? c : "", o.getValue("errorMessage") instanceof String m ? m : "",
                reject);
    }

    // ---- pricing stream ----

    /** One line of the pricing stream, understood. */
    sealed interface Line {
    }

    record Price(OandaPrice price) implements Line {
    }

    record Heartbeat() implements Line {
    }

    /** A line we cannot use, and why. */
    record Unusable(String why) implements Line {
    }

    /**
     * Reads one stream line. A PRICE needs {@code instrument}, {@code time}, and at least one level
     * on each side; {@code tradeable} is taken from the boolean of that name, or, in older answers,
     * from {@code status == "tradeable"}. Anything else (not JSON, another type, a field missing) is
     * {@link Unusable}: the caller counts it and goes on.
     */
    static Line line(String text) {
        JsonObject o;
        try {
            Object v = Json.decodeValue(text);
            if (!(v instanceof JsonObject j)) return new Unusable("not a JSON object");
            o = j;
        } catch (DecodeException e) {
            return new Unusable("not JSON");
        }
        try {
            String type = text(o, "type", "");
            return switch (type) {
                case "HEARTBEAT" -> new Heartbeat();
                case "PRICE" -> new Price(price(o));
                default -> new Unusable("unknown type " + type);
            };
        } catch (Malformed | IllegalArgumentException e) {
            return new Unusable(e.getMessage());
        }
    }

    private static OandaPrice price(JsonObject o) {
        BigDecimal bid = best(o, "bids");
        BigDecimal ask = best(o, "asks");
        boolean tradeable = o.getValue("tradeable") instanceof Boolean b ? b : "tradeable".equals(optText(o, "status", ""));
        return new OandaPrice(text(o, "instrument", ""), timeMs(o, "time", ""), bid, ask, tradeable);
    }

    private static BigDecimal best(JsonObject o, String side) {
        JsonArray levels = array(o, side, "");
        if (levels.isEmpty()) throw new Malformed(side, "is empty");
        if (!(levels.getValue(0) instanceof JsonObject top)) throw new Malformed(side + "[0]", "is not an object");
        return decimal(top, "price", side + "[0]");
    }

    // ---- typed reads ----

    /** A transaction id: OANDA's string of a non-negative integer (a JSON number is taken too). */
    static long transactionId(JsonObject o, String key, String path) {
        Object v = required(o, key, path);
        if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= 0) return n;
        } else if (v instanceof String s && s.matches("[0-9]{1,18}")) {
            return Long.parseLong(s);
        }
        throw new Malformed(at(path, key), "is not a transaction id: " + v);
    }

    /** RFC 3339 with up to nanoseconds, e.g. {@code 2016-10-27T08:38:45.664613867Z}, to epoch ms (truncated). */
    static long timeMs(JsonObject o, String key, String path) {
        String s = text(o, key, path);
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Malformed(at(path, key), "is not an RFC 3339 time: \"" + s + "\"");
        }
    }


    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
