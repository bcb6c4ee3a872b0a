package dev.meridian.learning;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL persistence of the mode learner ({@code learner_state}, migration V7): its
 * {@link ModeBandit.Snapshot} as JSON and the id of the newest trade it has learned, plus the
 * closed trades after that id, which the learner learns again at start. Asynchronous; safe to call
 * from an event loop.
 */
public final class LearnerStore {
    /** The row's name for the mode bandit. */
    public static final String MODE_BANDIT = "mode_bandit";

    /** A stored state: the snapshot and the newest trade id it includes. */
    public record Stored(ModeBandit.Snapshot snapshot, long lastTradeId) {
    }

    /** What the learner needs of a closed trade: its context, mode and net return. */
    public record TradeOutcome(long id, AssetClass assetClass, Regime regime, SessionLabel session, Mode mode,
                               BigDecimal netReturnPct) {
    }

    private final Pool pool;

    public LearnerStore(Pool pool) { this.pool = pool; }

    /**
     * The stored state, or empty when none was saved. A row that does not parse as a snapshot
     * fails the future with a message naming the table, so start-up can fall back to relearning.
     */
    public Future<Optional<Stored>> load(String name) {
        return pool.preparedQuery("SELECT state, last_trade_id FROM learner_state WHERE name = $1").execute(Tuple.of(name))
                .map(rows -> {
                    if (rows.size() == 0) return Optional.empty();
                    Row r = rows.iterator().next();
                    try {
                        ModeBandit.Snapshot s = ((JsonObject) r.getValue(0)).mapTo(ModeBandit.Snapshot.class);
                        return Optional.of(new Stored(s, r.getLong(1)));
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("learner_state '" + name + "' is not a valid snapshot: " + e.getMessage(), e);
                    }
                });
    }

    /** Closed trades with id above {@code afterId}, oldest first. */
    public Future<List<TradeOutcome>> tradesAfter(long afterId) {
        return pool.preparedQuery("SELECT id, asset_class, regime, session, mode, net_return_pct FROM trades WHERE id > $1 ORDER BY id")
                .execute(Tuple.of(afterId))
                .map(rows -> {
                    List<TradeOutcome> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new TradeOutcome(r.getLong(0), AssetClass.valueOf(r.getString(1)), Regime.valueOf(r.getString(2)),
                                SessionLabel.valueOf(r.getString(3)), Mode.valueOf(r.getString(4)), r.getBigDecimal(5)));
                    }
                    return out;
                });
    }

    public Future<Void> save(String name, ModeBandit.Snapshot snapshot, long lastTradeId) {
        return pool.preparedQuery("INSERT INTO learner_state (name, state, last_trade_id, updated_at) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, last_trade_id = EXCLUDED.last_trade_id, "
                        + "updated_at = EXCLUDED.updated_at")
                .execute(Tuple.of(name, JsonObject.mapFrom(snapshot), lastTradeId, OffsetDateTime.now(ZoneOffset.UTC)))
                .mapEmpty();
    }
}
