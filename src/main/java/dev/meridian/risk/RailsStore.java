package dev.meridian.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/** Persists the {@link RailsSnapshot} (table {@code risk_rails_state}) as JSON with exact decimals. */
public final class RailsStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Pool pool;

    public RailsStore(Pool pool) { this.pool = pool; }

    public Future<Optional<RailsSnapshot>> load() {
        return pool.query("SELECT state::text FROM risk_rails_state WHERE id = 1").execute().map(rows -> {
            if (rows.size() == 0) return Optional.empty();
            try {
                return Optional.of(JSON.readValue(rows.iterator().next().getString(0), RailsSnapshot.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored risk rails state is unreadable: " + e.getOriginalMessage(), e);
            }
        });
    }

    public Future<Void> save(RailsSnapshot s) {
        String json;
        try {
            json = JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        return pool.preparedQuery("INSERT INTO risk_rails_state (id, state) VALUES (1, $1) "
                        + "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state")
                .execute(Tuple.of(new JsonObject(json))).mapEmpty();
    }
}
