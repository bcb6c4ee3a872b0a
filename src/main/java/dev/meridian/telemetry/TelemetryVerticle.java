package dev.meridian.telemetry;

import dev.meridian.bus.Addresses;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Tick;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.FundingPaid;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.regime.RegimeChange;
import dev.meridian.core.RiskState;
import dev.meridian.session.SessionChange;
import dev.meridian.web.ApiJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Telemetry out of the process. Exports facts as JSON lines ({@code kind}, {@code at} in event
 * time, then the fact in the API's shape) to {@code telemetry/events-YYYY-MM-DD.jsonl} through
 * {@link RotatingJsonLines} (a file per UTC day, bounded per day and in days kept): fills,
 * refusals, closed trades, perp funding settlements, regime and session changes, funds changes, rail halts, market-data
 * state changes and an equity line per minute. Counts ticks, fills, closed trades and refusals and
 * gauges each sub-ledger's equity as {@code meridian_*} metrics.
 *
 * <p>Runs on an event loop (it sees every tick, which a worker would hop to another thread for);
 * the file I/O goes to worker threads in order ({@code executeBlocking}, ordered). Nothing here
 * carries a secret: the records it sees hold none.
 */
public final class TelemetryVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(TelemetryVerticle.class.getName());
    /** A day's file stops growing here: about 200k fills or trades, far beyond a normal day. */
    static final long MAX_BYTES_PER_DAY = 64L * 1024 * 1024;
    static final int KEEP_DAYS = 14;
    private static final long EQUITY_EVERY_MS = 60_000;

    private final Path dir;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<AssetClass, Double> equity = new ConcurrentHashMap<>();
    private RotatingJsonLines lines;
    private String lastMarketState = "";
    private Map<AssetClass, String> lastHalts = Map.of();
    private long lastEquityWallMs;
    private long writeErrors;

    public TelemetryVerticle(Path dir, MeterRegistry registry) { this(dir, registry, Clock.systemUTC()); }

    public TelemetryVerticle(Path dir, MeterRegistry registry, Clock clock) {
        this.dir = dir;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> new RotatingJsonLines(dir, MAX_BYTES_PER_DAY, KEEP_DAYS, clock)).onSuccess(this::listen);
    }

    private void listen(RotatingJsonLines opened) {
        lines = opened;
        FunctionCounter.builder("meridian_telemetry_lines_dropped", lines, RotatingJsonLines::dropped)
                .description("telemetry lines dropped because the day's file reached its bound").register(registry);
        for (AssetClass c : AssetClass.values()) {
            Gauge.builder("meridian_subledger_equity", equity, m -> m.getOrDefault(c, Double.NaN))
                    .tag("asset_class", c.name()).baseUnit("usd").description("sub-ledger equity (cash + open positions at their marks)")
                    .register(registry);
        }
        Counter ticks = Counter.builder("meridian_ticks").description("trade prints received").register(registry);
        Counter closed = Counter.builder("meridian_trades_closed").description("round trips booked").register(registry);
        Counter rejected = Counter.builder("meridian_orders_rejected").description("intents or orders refused").register(registry);

        var bus = vertx.eventBus();
        bus.<Tick>consumer(Addresses.MD_TICK, m -> ticks.increment());
        bus.<Fill>consumer(Addresses.EVT_FILL, m -> {
            Fill f = m.body();
            registry.counter("meridian_fills", "asset_class", f.order().assetClass().name(),
                    "venue", f.order().paper() ? "paper" : "live", "side", f.order().side().name()).increment();
            write("fill", f.timeMs(), ApiJson.fill(f));
        });
        bus.<OrderRejected>consumer(Addresses.EVT_ORDER_REJECTED, m -> {
            rejected.increment();
            // The stage, not the free-text reason, keeps the label set small; the reason is in the line.
            registry.counter("meridian_order_refusals", "stage", m.body().stage()).increment();
            write("order_refused", m.body().timeMs(), ApiJson.rejection(m.body()));
        });
        bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> {
            closed.increment();
            write("trade_closed", m.body().exitTimeMs(), ApiJson.trade(m.body()));
        });
        bus.<FundingPaid>consumer(Addresses.EVT_FUNDING, m -> {
            FundingPaid f = m.body();
            registry.counter("meridian_funding_settlements", "asset_class", f.assetClass().name(),
                    "venue", f.paper() ? "paper" : "live").increment();
            write("funding", f.timeMs(), new JsonObject().put("symbol", f.symbol()).put("asset_class", f.assetClass().name())
                    .put("side", f.side().name()).put("qty", f.qty()).put("mark_price", f.markPrice()).put("rate", f.rate())
                    .put("fee", f.fee()).put("paper", f.paper()));
        });
        bus.<RegimeChange>consumer(Addresses.EVT_REGIME, m -> write("regime", m.body().timeMs(), new JsonObject()
                .put("symbol", m.body().symbol()).put("asset_class", m.body().assetClass().name())
                .put("timeframe_sec", m.body().timeframeSec()).put("regime", m.body().regime().name())
                .put("confidence", m.body().confidence())));
        bus.<SessionChange>consumer(Addresses.EVT_SESSION, m -> write("session", m.body().timeMs(),
                new JsonObject().put("session", m.body().session().name())));
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> write("funds", clock.millis(), new JsonObject(FundsController.toApi(m.body()))));
        bus.<RiskState>consumer(Addresses.EVT_RISK, m -> {
            if (m.body().halts().equals(lastHalts)) return;
            lastHalts = Map.copyOf(m.body().halts());
            JsonObject halts = new JsonObject();
            new TreeMap<>(lastHalts).forEach((c, r) -> halts.put(c.name(), r));
            write("halts", clock.millis(), new JsonObject().put("halts", halts));
        });
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> {
            String state = marketState(m.body());
            if (state.equals(lastMarketState)) return;
            lastMarketState = state;
            write("market_data", clock.millis(), ApiJson.market(m.body()));
        });
        bus.<PortfolioSnapshot>consumer(Addresses.EVT_PORTFOLIO, m -> {
            PortfolioSnapshot s = m.body();
            s.subLedgers().forEach(l -> equity.put(l.assetClass(), l.equity().doubleValue()));
            long now = clock.millis();
            if (now - lastEquityWallMs < EQUITY_EVERY_MS) return;
            lastEquityWallMs = now;
            JsonObject ledgers = new JsonObject();
            s.subLedgers().forEach(l -> ledgers.put(l.assetClass().name(), l.equity()));
            write("equity", now, new JsonObject().put("total_equity", s.totalEquity()).put("sub_ledgers", ledgers));
        });
    }

    /** What counts as a change of market-data state: the source's state and each connection's. */
    private static String marketState(MarketStatus m) {
        StringBuilder b = new StringBuilder(m.state());
        m.connections().forEach(c -> b.append('|').append(c.category()).append('=').append(c.state()));
        return b.toString();
    }

    private void write(String kind, long atMs, JsonObject fact) {
        JsonObject line = new JsonObject().put("kind", kind).put("at", ApiJson.time(atMs));
        fact.forEach(e -> line.put(e.getKey(), e.getValue()));
        String text = line.encode();
        // Ordered: the lines keep the order of the events; telemetry must never stop trading, so a
        // failed write is counted and the first few are logged.
        vertx.executeBlocking(() -> lines.append(text), true).onFailure(e -> {
            if (writeErrors++ < 5) LOG.warning("telemetry line not written to " + dir + ": " + e.getMessage());
        });
    }

    @Override
    public Future<?> stop() {
        if (lines == null) return Future.succeededFuture();
        return vertx.executeBlocking(() -> {
            lines.close();
            return null;
        }, true).recover(e -> {
            LOG.warning("telemetry file not closed cleanly: " + e.getMessage());
            return Future.succeededFuture();
        });
    }
}
