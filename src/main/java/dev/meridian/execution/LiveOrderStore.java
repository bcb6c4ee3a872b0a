package dev.meridian.execution;

import dev.meridian.exchange.LiveVenue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.Category;
import dev.meridian.core.Order;
import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.OrderType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persists live orders ({@code live_orders}) and their executions ({@code live_executions}). The
 * order row is written before its request leaves, so a restart finds every order that may exist
 * at the venue; an execution is stored once per {@code execId}. An order counts as booked once the
 * ledger holds its fill ({@code fills.id = order id + "-live"}), which the portfolio writes in the
 * same transaction as the booking — so "booked" can never disagree with the ledger.
 */
public final class LiveOrderStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Pool pool;

    public LiveOrderStore(Pool pool) { this.pool = pool; }

    public Future<Void> insert(LiveOrder o, String venue) {
        OrderRequest r = o.request();
        String decision;
        try {
            decision = JSON.writeValueAsString(o.order());
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        return pool.preparedQuery("INSERT INTO live_orders (order_link_id, order_id, venue, category, symbol, side, order_type, qty, "
                        + "limit_price, post_only, reduce_only, ref_price, request_time, decision, stop_loss, status, updated_at) VALUES "
                        + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'PENDING', now()) "
                        + "ON CONFLICT (order_link_id) DO NOTHING")
                .execute(Tuple.from(java.util.Arrays.asList(r.orderLinkId(), o.order().id(), venue, r.category().name(), r.symbol(),
                        r.side().name(), r.type().name(), r.qty(), r.limitPrice().orElse(null), r.postOnly(), r.reduceOnly(),
                        r.refPrice(), time(r.timeMs()), new JsonObject(decision), r.stopLoss().orElse(null))))
                .mapEmpty();
    }

    public Future<Void> status(LiveOrder o, BigDecimal venueCumQty) {
        return pool.preparedQuery("UPDATE live_orders SET status = $2, venue_cum_qty = GREATEST(venue_cum_qty, $3), reason = $4, "
                        + "updated_at = now() WHERE order_link_id = $1")
                .execute(Tuple.of(o.linkId(), o.status().name(), venueCumQty, o.reason().isEmpty() ? null : o.reason()))
                .mapEmpty();
    }

    /** True when the execution is new. */
    public Future<Boolean> execution(LiveVenue.LiveExecution e) {
        return pool.preparedQuery("INSERT INTO live_executions (exec_id, order_link_id, gross_qty, price, fee_in_base, fee_in_quote, "
                        + "exec_time) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (exec_id) DO NOTHING")
                .execute(Tuple.of(e.execId(), e.orderLinkId(), e.grossQty(), e.price(), e.feeInBase(), e.feeInQuote(), time(e.timeMs())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Orders the ledger has not booked and that may still matter: any status except a final one without executions. */
    public Future<List<LiveOrder>> unbooked() {
        return pool.query("SELECT o.order_link_id, o.category, o.symbol, o.side, o.order_type, o.qty, o.limit_price, o.post_only, "
                        + "o.reduce_only, o.ref_price, o.request_time, o.decision::text, o.status, o.venue_cum_qty, o.reason, o.stop_loss "
                        + "FROM live_orders o WHERE NOT EXISTS (SELECT 1 FROM fills f WHERE f.id = o.order_id || '-live') "
                        + "AND NOT (o.status IN ('REJECTED', 'CANCELLED') AND NOT EXISTS "
                        + "(SELECT 1 FROM live_executions e WHERE e.order_link_id = o.order_link_id)) ORDER BY o.request_time")
                .execute().compose(rows -> {
                    Map<String, LiveOrder> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        Order decided = decision(r.getString(11));
                        // The leverage an entry was sent with is the decision's (the venue sets it before the order).
                        OrderRequest req = request(r);
                        LiveOrder lo = new LiveOrder(decided, decided.entry()
                                ? req.withLeverage(decided.leverage().max(java.math.BigDecimal.ONE)) : req);
                        String status = r.getString(12);
                        if (!status.equals("PENDING")) {
                            lo.update(new LiveVenue.VenueOrder(lo.linkId(), OrderStatus.valueOf(status), r.getBigDecimal(13),
                                    Optional.ofNullable(r.getString(14)).orElse("")));
                        }
                        out.put(lo.linkId(), lo);
                    }
                    if (out.isEmpty()) return Future.succeededFuture(List.of());
                    return pool.query("SELECT exec_id, order_link_id, gross_qty, price, fee_in_base, fee_in_quote, exec_time "
                            + "FROM live_executions ORDER BY exec_time, exec_id").execute().map(ex -> {
                                for (Row e : ex) {
                                    LiveOrder lo = out.get(e.getString(1));
                                    if (lo != null) {
                                        lo.add(new LiveVenue.LiveExecution(e.getString(1), e.getString(0), e.getBigDecimal(2),
                                                e.getBigDecimal(3), e.getBigDecimal(4), e.getBigDecimal(5),
                                                e.getOffsetDateTime(6).toInstant().toEpochMilli()));
                                    }
                                }
                                return new ArrayList<>(out.values());
                            });
                });
    }

    /** Whether the ledger already booked this order's fill. */
    public Future<Boolean> booked(Order o) {
        return pool.preparedQuery("SELECT 1 FROM fills WHERE id = $1").execute(Tuple.of(o.id() + "-live")).map(rows -> rows.size() > 0);
    }

    /** An audit row by the reconciliation. */
    public Future<Void> audit(String what, JsonObject before, JsonObject after, long atMs) {
        return audit("reconciliation", what, before, after, atMs);
    }

    /** An audit row by {@code who} (e.g. {@code "reconciliation"}, {@code "router"}). */
    public Future<Void> audit(String who, String what, JsonObject before, JsonObject after, long atMs) {
        return pool.preparedQuery("INSERT INTO audit_log (at, who, what, before, after) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(time(atMs), who, what, before, after)).mapEmpty();
    }

    /** The stored request; a row written before {@code stop_loss} existed has NULL there, i.e. no stop. */
    private static OrderRequest request(Row r) {
        OrderRequest req = new OrderRequest(r.getString(0), Category.valueOf(r.getString(1)), r.getString(2),
                Side.valueOf(r.getString(3)), OrderType.valueOf(r.getString(4)), r.getBigDecimal(5),
                Optional.ofNullable(r.getBigDecimal(6)), r.getBoolean(7), r.getBoolean(8), r.getBigDecimal(9),
                r.getOffsetDateTime(10).toInstant().toEpochMilli());
        BigDecimal stop = r.getBigDecimal(15);
        return stop == null ? req : req.withStopLoss(stop);
    }

    private static Order decision(String json) {
        try {
            return JSON.readValue(json, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored live order is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime time(long ms) { return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC); }
}
