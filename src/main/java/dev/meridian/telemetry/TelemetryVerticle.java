package dev.meridian.telemetry;

import dev.meridian.bus.Addresses;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.regime.RegimeChange;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Tick;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Exports telemetry as JSON lines to {@code telemetry/events.jsonl} (async file I/O): closed trades
 * and regime changes, each with its kind and event time; and counts ticks, closed trades and
 * rejected orders as {@code meridian_*} metrics. Secrets never pass through here.
 */
public final class TelemetryVerticle extends VerticleBase {
    private final Path dir;
    private final MeterRegistry registry;
    private AsyncFile file;

    public TelemetryVerticle(Path dir, MeterRegistry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        return vertx.fileSystem().mkdirs(dir.toString())
                .compose(v -> vertx.fileSystem().open(dir.resolve("events.jsonl").toString(),
                        new OpenOptions().setAppend(true).setCreate(true).setWrite(true)))
                .onSuccess(f -> {
                    file = f;
                    var bus = vertx.eventBus();
                    Counter ticks = Counter.builder("meridian_ticks").description("trade prints received").register(registry);
                    Counter closed = Counter.builder("meridian_trades_closed").description("round trips booked").register(registry);
                    Counter rejected = Counter.builder("meridian_orders_rejected").description("intents or orders refused").register(registry);
                    bus.<Tick>consumer(Addresses.MD_TICK, m -> ticks.increment());
                    bus.<OrderRejected>consumer(Addresses.EVT_ORDER_REJECTED, m -> rejected.increment());
                    bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> closed.increment());
                    bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> write(new JsonObject()
                            .put("kind", "trade_closed").put("at", Instant.ofEpochMilli(m.body().exitTimeMs()).toString())
                            .put("symbol", m.body().symbol()).put("net_pnl", m.body().netPnl().toPlainString())));
                    bus.<RegimeChange>consumer(Addresses.EVT_REGIME, m -> write(new JsonObject()
                            .put("kind", "regime").put("at", Instant.ofEpochMilli(m.body().timeMs()).toString())
                            .put("symbol", m.body().symbol()).put("timeframe_sec", m.body().timeframeSec())
                            .put("regime", m.body().regime().name())));
                });
    }

    private void write(JsonObject o) { file.write(Buffer.buffer(o.encode() + "\n")); }

    @Override
    public Future<?> stop() { return file == null ? Future.succeededFuture() : file.close(); }
}
