package dev.meridian.funds;

import dev.meridian.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the funds controls. A change is validated ({@link FundsController}), stored together with
 * its audit entry in one transaction, and only then published on {@code evt.funds} (risk and
 * execution enforce the published state) and answered. Invalid changes are answered with an error
 * naming the field and change nothing. Changes are handled one at a time.
 */
public final class FundsVerticle extends VerticleBase {
    private final Pool pool;
    private FundsState state;
    private Future<?> tail = Future.succeededFuture();

    public FundsVerticle(Pool pool, FundsState initial) {
        this.pool = pool;
        this.state = initial;
    }

    /** Loads the stored state, or empty on first start. */
    public static Future<java.util.Optional<JsonObject>> loadStored(Pool pool) {
        return pool.query("SELECT state FROM funds_state WHERE id = 1").execute()
                .map(rows -> rows.size() == 0 ? java.util.Optional.empty()
                        : java.util.Optional.of((JsonObject) rows.iterator().next().getValue(0)));
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.consumer(Addresses.CMD_FUNDS_GET, m -> m.reply(state));
        bus.<FundsUpdate>consumer(Addresses.CMD_FUNDS_UPDATE, m -> {
            tail = tail.eventually(() -> {
                FundsController.Result r = FundsController.apply(state, m.body().change());
                if (!r.ok()) {
                    m.fail(400, r.error());
                    return Future.succeededFuture();
                }
                FundsState before = state;
                FundsState after = r.state();
                JsonObject beforeJson = new JsonObject(FundsController.toApi(before));
                JsonObject afterJson = new JsonObject(FundsController.toApi(after));
                String what = "funds: " + new JsonObject(m.body().change()).encode();
                return pool.withTransaction(conn -> conn.preparedQuery(
                                        "INSERT INTO funds_state (id, state) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state")
                                .execute(Tuple.of(afterJson))
                                .compose(v -> conn.preparedQuery("INSERT INTO audit_log (at, who, what, before, after) VALUES ($1, $2, $3, $4, $5)")
                                        .execute(Tuple.of(Instant.now().atOffset(ZoneOffset.UTC), m.body().who(), what, beforeJson, afterJson))))
                        .onSuccess(v -> {
                            state = after;
                            bus.publish(Addresses.EVT_FUNDS, after);
                            m.reply(after);
                        })
                        .onFailure(e -> m.fail(500, "funds change not stored: " + e.getMessage()));
            });
        });
        bus.<Integer>consumer(Addresses.CMD_AUDIT_LIST, m -> pool.preparedQuery(
                        "SELECT at, who, what, before, after FROM audit_log ORDER BY id DESC LIMIT $1")
                .execute(Tuple.of(m.body()))
                .onSuccess(rows -> {
                    List<AuditEntry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new AuditEntry(r.getOffsetDateTime(0).toInstant().toEpochMilli(), r.getString(1),
                                r.getString(2), String.valueOf(r.getValue(3)), String.valueOf(r.getValue(4))));
                    }
                    m.reply(new AuditLog(out));
                })
                .onFailure(e -> m.fail(500, e.getMessage())));
        return Future.succeededFuture();
    }
}
