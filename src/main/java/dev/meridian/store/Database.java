package dev.meridian.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The store's entry point: a migrated PostgreSQL database and an async connection pool on it.
 *
 * <p>Invariants once {@link #open} returns: the schema is at the newest migration on the classpath
 * ({@code db/migration}, applied by Flyway over JDBC), and {@link #pool()} connects to it. The database
 * is either the embedded server in {@code <stateDir>/pg} (the default; one Meridian per state dir) or
 * the external server of {@code MERIDIAN_PG_URL}. If open fails, nothing is left running.
 *
 * <p>Thread use: {@link #open} blocks (initdb, server start, migrations) and must run once at start-up
 * on a worker thread or the main thread, before the verticles deploy; everything after that is async.
 */
public final class Database {

    /**
     * Few writers (the portfolio and the audit trail) on a 2-core machine: more connections would only
     * queue inside PostgreSQL, and fewer would make a slow query hold up the ledger.
     */
    static final int POOL_SIZE = 4;

    private final Vertx vertx;
    private final Pool pool;
    private final Optional<EmbeddedPostgresServer> embedded;
    private final AtomicReference<Future<Void>> closing = new AtomicReference<>();

    private Database(Vertx vertx, Pool pool, Optional<EmbeddedPostgresServer> embedded) {
        this.vertx = vertx;
        this.pool = pool;
        this.embedded = embedded;
    }

    /**
     * Opens the database: starts the embedded server in {@code stateDir/pg} unless {@code externalPgUrl}
     * ({@code postgresql://user:password@host:port/db}) is given, migrates the schema, and creates the pool.
     *
     * @throws IllegalArgumentException if {@code externalPgUrl} is malformed (the message names
     *         MERIDIAN_PG_URL and never quotes the URL)
     * @throws IllegalStateException if called on an event loop, if the state dir is in use by another
     *         Meridian, or if the server cannot be started or migrated (the message says why)
     */
    public static Database open(Vertx vertx, Path stateDir, Optional<String> externalPgUrl) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Database.open blocks for seconds; call it on a worker thread, not an event loop");
        }
        Optional<PgUrl> external = externalPgUrl.map(PgUrl::parse);
        Optional<EmbeddedPostgresServer> embedded = external.isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedPostgresServer.start(stateDir.resolve("pg")));
        try {
            PgUrl target = external.orElseGet(() -> {
                EmbeddedPostgresServer s = embedded.orElseThrow();
                return new PgUrl(s.host(), s.port(), s.database(), s.user(), s.password());
            });
            migrate(target);
            Pool pool = PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(POOL_SIZE))
                    .connectingTo(new PgConnectOptions()
                            .setHost(target.host())
                            .setPort(target.port())
                            .setDatabase(target.database())
                            .setUser(target.user())
                            .setPassword(target.password()))
                    .using(vertx)
                    .build();
            return new Database(vertx, pool, embedded);
        } catch (RuntimeException | Error e) {
            embedded.ifPresent(s -> {
                try {
                    s.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            });
            throw e;
        }
    }

    private static void migrate(PgUrl target) {
        try {
            Flyway.configure()
                    .dataSource(target.jdbcUrl(), target.user(), target.password())
                    .locations("classpath:db/migration")
                    // A jar built without its migrations must not pass for an up-to-date schema.
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("migrating the database " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** The shared async pool; do not close it directly, close the Database. */
    public Pool pool() {
        return pool;
    }

    /**
     * Closes the pool, then stops the embedded server if there is one (on a worker thread). Idempotent:
     * later calls return the first call's future. Call it before closing Vert.x; if the JVM exits first,
     * a shutdown hook still stops the embedded server.
     */
    /**
     * The caller's JVM shutdown hook will {@link #close} this database once its last writes are
     * done; the embedded server stops relying on its own hook, which would race the caller's.
     */
    public void leaveShutdownToCaller() {
        embedded.ifPresent(EmbeddedPostgresServer::leaveShutdownToCaller);
    }

    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        if (!closing.compareAndSet(null, done.future())) {
            return closing.get();
        }
        pool.close().onComplete(poolClosed -> {
            Future<Void> stopped = embedded
                    .map(s -> vertx.<Void>executeBlocking(() -> {
                        s.close();
                        return null;
                    }))
                    .orElse(Future.succeededFuture());
            stopped.onComplete(serverStopped -> {
                if (poolClosed.failed()) {
                    if (serverStopped.failed()) {
                        poolClosed.cause().addSuppressed(serverStopped.cause());
                    }
                    done.fail(poolClosed.cause());
                } else if (serverStopped.failed()) {
                    done.fail(serverStopped.cause());
                } else {
                    done.complete();
                }
            });
        });
        return done.future();
    }
}
