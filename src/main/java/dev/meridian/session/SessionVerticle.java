package dev.meridian.session;

import dev.meridian.bus.Addresses;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Tick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Follows event time on {@code md.tick} and publishes {@code evt.session} when the session changes. */
public final class SessionVerticle extends VerticleBase {
    private final SessionClock clock;
    private SessionLabel current;

    public SessionVerticle(SessionClock clock) { this.clock = clock; }

    @Override
    public Future<?> start() {
        vertx.eventBus().<Tick>consumer(Addresses.MD_TICK, m -> {
            SessionLabel s = clock.labelAt(m.body().timeMs());
            if (s != current) {
                current = s;
                vertx.eventBus().publish(Addresses.EVT_SESSION, new SessionChange(s, m.body().timeMs()));
            }
        });
        return Future.succeededFuture();
    }
}
