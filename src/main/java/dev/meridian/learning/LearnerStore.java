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
 * PostgreSQL persistence of the learners ({@code learner_state}, migration V7): one row per learner
 * (the mode bandit's {@link ModeBandit.Snapshot}, the signal-score learner's state) as JSON with
 * the id of the newest trade it has learned, plus the closed trades after that id, which the
 * learners learn again at start. Asynchronous; safe to call from an event loop.
 */
public final class LearnerStore {
    /** The row's name for the mode bandit. */
    public static final String MODE_BANDIT = "mode_bandit";
    /** The row's name for the signal-score learner. */
    public static final String SIGNAL_SCORE = "signal_score";
    /**
     * The row's name for the strategy's open option packages: per underlying key, the plain inputs
     * the last package was decided from (PackageTrader.EntryInputs), rebuilt at start while the
     * portfolio still holds that package.
     */
    public static final String OPTIONS_PACKAGES = "options_packages";

    /** A stored state: the state as JSON and the newest trade id it includes. */
    public record Stored(JsonObject state, long lastTradeId) {
        /** The state as {@code type}, or an {@link IllegalStateException} naming the row. */
        public <T> T as(Class<T> type, String name) {
            try {
                return state.mapTo(type);
            } catch (RuntimeException e) {
                throw new IllegalStateException("learner_state '" + name + "' is not a valid " + type.getSimpleName() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** What the learner needs of a closed trade: its context, mode and net return. */
    public record TradeOutcome(long id, String symbol, AssetClass assetClass, Regime regime, SessionLabel session, Mode mode,
                               BigDecimal netReturnPct, BigDecimal netPnl) {
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
                    return Optional.of(new Stored((JsonObject) r.getValue(0), r.getLong(1)));
                });
    }

    /** Closed trades with id above {@code afterId}, oldest first. */
    public Future<List<TradeOutcome>> tradesAfter(long afterId) {
        return pool.preparedQuery("SELECT id, symbol, asset_class, regime, session, mode, net_return_pct, net_pnl FROM trades "
                        + "WHERE id > $1 ORDER BY id")
                .execute(Tuple.of(afterId))
                .map(rows -> {
                    List<TradeOutcome> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new TradeOutcome(r.getLong(0), r.getString(1), AssetClass.valueOf(r.getString(2)),
                                Regime.valueOf(r.getString(3)), SessionLabel.valueOf(r.getString(4)), Mode.valueOf(r.getString(5)),
                                r.getBigDecimal(6), r.getBigDecimal(7)));
                    }
                    return out;
                });
    }

    /** Writes {@code state} (any Jackson-serialisable value) as row {@code name}. */
    public Future<Void> save(String name, Object state, long lastTradeId) {
        return pool.preparedQuery("INSERT INTO learner_state (name, state, last_trade_id, updated_at) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, last_trade_id = EXCLUDED.last_trade_id, "
                        + "updated_at = EXCLUDED.updated_at")
                .execute(Tuple.of(name, JsonObject.mapFrom(state), lastTradeId, OffsetDateTime.now(ZoneOffset.UTC)))
                .mapEmpty();
    }
}
