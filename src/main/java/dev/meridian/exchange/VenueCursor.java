package dev.meridian.exchange;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a venue's reading of its account history got to, kept across restarts (table
 * {@code venue_cursors}, one row per venue): the venue reads on from it at start, so events of the
 * time the bot was down are found rather than skipped. A position is an opaque string to the store
 * (OANDA's is a transaction id). Saves overwrite; a save that fails is reported by its future and
 * the next save carries the newer position anyway.
 */
public interface VenueCursor {
    /** The stored position, empty before the first save. */
    Future<Optional<String>> load();

    Future<Void> save(String position);

    /** The cursor of {@code venue} in the database behind {@code pool}. */
    static VenueCursor sql(Pool pool, String venue) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(venue, "venue");
        return new VenueCursor() {
            @Override
            public Future<Optional<String>> load() {
                return pool.preparedQuery("SELECT position FROM venue_cursors WHERE venue = $1").execute(Tuple.of(venue))
                        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
            }

            @Override
            public Future<Void> save(String position) {
                return pool.preparedQuery("INSERT INTO venue_cursors (venue, position, updated_at) VALUES ($1, $2, $3) "
                                + "ON CONFLICT (venue) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at")
                        .execute(Tuple.of(venue, position, OffsetDateTime.now(ZoneOffset.UTC))).mapEmpty();
            }
        };
    }
}
