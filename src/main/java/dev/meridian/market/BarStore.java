package dev.meridian.market;

import dev.meridian.core.Bar;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Persists bar history (table {@code bars}). Writes are batched by the caller; a bar from the
 * exchange replaces ours for the same interval, ours never replaces the exchange's.
 */
public final class BarStore {
    /** Where a stored bar came from. */
    public enum Origin { TRADES, EXCHANGE }

    private final Pool pool;

    public BarStore(Pool pool) { this.pool = pool; }

    public Future<Void> save(List<Bar> bars, Origin origin) {
        if (bars.isEmpty()) return Future.succeededFuture();
        List<Tuple> rows = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            rows.add(Tuple.tuple().addString(b.assetClass().name()).addString(b.symbol()).addInteger(b.timeframeSec())
                    .addOffsetDateTime(Instant.ofEpochMilli(b.openTimeMs()).atOffset(ZoneOffset.UTC))
                    .addBigDecimal(b.open()).addBigDecimal(b.high()).addBigDecimal(b.low()).addBigDecimal(b.close())
                    .addBigDecimal(b.volume()).addString(origin.name()));
        }
        String onConflict = origin == Origin.EXCHANGE
                ? "DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, "
                  + "volume = EXCLUDED.volume, origin = EXCLUDED.origin"
                : "DO NOTHING";
        return pool.preparedQuery("INSERT INTO bars (asset_class, symbol, timeframe_sec, open_time, open, high, low, close, "
                        + "volume, origin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (asset_class, symbol, timeframe_sec, open_time) " + onConflict)
                .executeBatch(rows).mapEmpty();
    }
}
