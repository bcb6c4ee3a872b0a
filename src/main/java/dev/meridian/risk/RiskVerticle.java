package dev.meridian.risk;

import dev.meridian.core.RiskState;
import dev.meridian.learning.KpiList;
import dev.meridian.learning.KpiGates;
import dev.meridian.bus.Addresses;
import dev.meridian.bus.DecisionLatency;
import dev.meridian.exchange.VenuePosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import dev.meridian.bus.Watermark;
import dev.meridian.core.AssetClass;
import dev.meridian.funds.FundsState;
import dev.meridian.learning.KpiSample;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.market.InstrumentsUpdate;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.strategy.TradeIntent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs every intent through the {@link RiskEngine} against the latest funds state and portfolio
 * (both pushed to it on the bus) and sends the order or the rejection on to execution, in order.
 * Persists the rails' state whenever it changes (a halt survives a restart), exports refusals by
 * reason as {@code meridian_risk_refusals_total{reason}}, counts decisions
 * ({@code meridian_decisions_total}) and times each from the market event that led to it
 * ({@code meridian_tick_to_decision_seconds}, see {@link DecisionLatency}), publishes halts on {@code evt.risk}, and
 * lets the owner lift a drawdown halt. It also keeps the KPI evidence ({@link KpiGates}) from
 * every closed trade and answers {@code cmd.kpi.list}.
 */
public final class RiskVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(RiskVerticle.class.getName());

    private final RiskEngine engine;
    private final RiskRails rails;
    private final RailsStore store;
    private final MeterRegistry metrics;
    private final DecisionLatency latency;
    private final LiveLiquidationWatch liquidation;
    private final KpiGates kpis;
    private final KpiStore kpiStore;
    /** The newest event time seen (intents and closed trades): the KPI window ends here, not at the wall clock. */
    private long eventTimeMs = Long.MIN_VALUE;
    private Future<Void> savingKpis = Future.succeededFuture();
    private FundsState funds;
    private PortfolioSnapshot portfolio;
    private RailsSnapshot saved;
    private Map<AssetClass, String> lastHalts = Map.of();
    private Future<Void> saving = Future.succeededFuture();
    /** Exchange filters by ASSET_CLASS:SYMBOL, from the live market source (none in replays). */
    private final Map<String, Sizer.Filter> filters = new java.util.HashMap<>();

    public RiskVerticle(RiskEngine engine, RiskRails rails, RailsStore store, KpiGates kpis, KpiStore kpiStore,
                        MeterRegistry metrics, FundsState funds, PortfolioSnapshot portfolio, DecisionLatency latency) {
        this.engine = engine;
        this.latency = latency;
        this.kpis = kpis;
        this.kpiStore = kpiStore;
        kpis.book().newestExitMs().ifPresent(t -> eventTimeMs = t);
        this.rails = rails;
        this.liquidation = new LiveLiquidationWatch(rails);
        this.store = store;
        this.metrics = metrics;
        this.funds = funds;
        this.portfolio = portfolio;
        this.saved = rails.snapshot();
    }

    @Override
    public Future<?> start() {
        for (RailReason r : RailReason.values()) {
            FunctionCounter.builder("meridian_risk_refusals", rails, x -> x.refusalsByReason().getOrDefault(r.name(), 0L))
                    .tag("reason", r.name()).description("entries refused by the risk rails").register(metrics);
        }
        Timer tickToDecision = Timer.builder("meridian_tick_to_decision")
                .description("wall time from the market event that closed a bar to the risk decision on its intent")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(metrics);
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        bus.<VenuePosition>consumer(Addresses.EVT_POSITION_RISK, m -> onVenuePosition(m.body()));
        bus.<PortfolioSnapshot>consumer(Addresses.EVT_PORTFOLIO, m -> portfolio = m.body());
        bus.<InstrumentsUpdate>consumer(Addresses.EVT_INSTRUMENTS, m -> m.body().instruments().forEach(i ->
                filters.put(i.category().assetClass() + ":" + i.symbol(), Sizer.Filter.of(i))));
        bus.<Object>consumer(Addresses.CMD_RISK_INTENT, m -> {
            Object body = m.body();
            if (body instanceof TradeIntent in) {
                eventTimeMs = Math.max(eventTimeMs, in.timeMs());
                var liqBlock = in.entry() && in.assetClass() == AssetClass.PERP ? liquidation.blocksPerpEntries() : java.util.Optional.<String>empty();
                RiskEngine.Decision d = liqBlock.isPresent()
                        ? RiskEngine.refuse(in, "rail LIQ_BUFFER: a live PERP position is too near its venue liquidation price: " + liqBlock.get())
                        : engine.decide(in, funds, portfolio, java.util.Optional.ofNullable(filters.get(in.assetClass() + ":" + in.symbol())));
                bus.send(Addresses.CMD_EXEC_ORDER, d.order() != null ? d.order() : d.rejected());
                latency.elapsedNanos(in.seq()).ifPresent(ns -> tickToDecision.record(ns, TimeUnit.NANOSECONDS));
                Counter.builder("meridian_decisions").description("intents judged by risk, by outcome")
                        .tags("asset_class", in.assetClass().name(), "mode", in.mode().name(), "kind", in.entry() ? "entry" : "exit",
                                "outcome", d.order() != null ? "approved" : "refused").register(metrics).increment();
                stateChanged(in.timeMs());
            } else if (body instanceof Watermark w) {
                bus.send(Addresses.CMD_EXEC_ORDER, w);
            }
        });
        bus.<RiskResume>consumer(Addresses.CMD_RISK_RESUME, m -> {
            rails.resume(m.body().assetClass());
            LOG.info(m.body().who() + " resumed " + m.body().assetClass() + " after a drawdown halt");
            stateChanged(Long.MIN_VALUE);
            saving.onComplete(ar -> m.reply(state(Long.MIN_VALUE)));
        });
        bus.consumer(Addresses.CMD_RISK_STATE, m -> m.reply(state(Long.MIN_VALUE)));
        bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> tradeClosed(m.body()));
        bus.consumer(Addresses.CMD_KPI_LIST, m -> {
            long asOf = eventTimeMs == Long.MIN_VALUE ? 0 : eventTimeMs;
            m.reply(new KpiList(asOf, kpis.book().windowDays(), kpis.rows(asOf)));
        });
        return Future.succeededFuture();
    }

    /**
     * A closed trade is new evidence for its (asset class, mode): it enters the book at once (the
     * next intent, which the portfolio's acknowledgement lets through, is judged with it), and the
     * pair's new verdict is stored, one write at a time.
     */
    private void tradeClosed(ClosedTrade t) {
        eventTimeMs = Math.max(eventTimeMs, t.exitTimeMs());
        KpiSample sample;
        try {
            sample = new KpiSample(t.entryTimeMs(), t.exitTimeMs(), t.netPnl(), t.sizeUsd(), t.equityBefore(),
                    t.paper() ? KpiSample.Source.PAPER : KpiSample.Source.LIVE);
        } catch (IllegalArgumentException e) {
            // Not evidence we can judge by; the trade itself is booked, so it is logged, not lost.
            LOG.severe("trade " + t.id() + " is not KPI evidence: " + e.getMessage());
            return;
        }
        kpis.book().add(t.assetClass(), t.mode(), sample);
        long asOf = eventTimeMs;
        kpis.row(t.assetClass(), t.mode(), asOf).ifPresent(row -> {
            if (row.verdict().eligibleLive()) LOG.info(t.assetClass() + " " + t.mode() + " is eligible for LIVE funds");
            savingKpis = savingKpis.eventually(() -> kpiStore.save(row, asOf)
                            .onFailure(e -> LOG.severe("KPI snapshot not stored: " + e.getMessage())))
                    .recover(e -> Future.succeededFuture());
        });
    }

    /**
     * A venue's position frame: the live liquidation-buffer rail ({@link LiveLiquidationWatch}); a
     * change of its verdict is logged and published with the halts.
     */
    private void onVenuePosition(VenuePosition v) {
        if (!liquidation.onVenuePosition(v, portfolio)) return;
        var breach = liquidation.breach(v.symbol());
        if (breach.isPresent()) LOG.severe("PERP entries halted: " + breach.get());
        else LOG.info("PERP liquidation buffer restored for " + v.symbol());
        stateChanged(Long.MIN_VALUE);
    }

    /** Halts as of an event time; {@code Long.MIN_VALUE} means "as of the last observation". */
    private RiskState state(long eventTimeMs) {
        Map<AssetClass, String> halts = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            RailsSnapshot.LedgerState s = rails.snapshot().ledgers().get(c);
            long t = eventTimeMs != Long.MIN_VALUE ? eventTimeMs : s == null ? 0 : s.lastEventTimeMs();
            RailCheck check = rails.checkHalts(c, t);
            if (!check.ok()) halts.put(c, check.reason().name() + ": " + check.message());
        }
        liquidation.blocksPerpEntries().ifPresent(b -> halts.merge(AssetClass.PERP, "LIQ_BUFFER: " + b, (x, y) -> x + "; " + y));
        return new RiskState(Map.copyOf(halts), rails.refusalsByReason());
    }

    private void stateChanged(long eventTimeMs) {
        RailsSnapshot now = rails.snapshot();
        if (!now.equals(saved)) {
            saved = now;
            // Saves in order, never two at once; a failure is logged and the next change saves again.
            saving = saving.eventually(() -> store.save(now).onFailure(e -> LOG.severe("risk rails state not stored: " + e.getMessage())))
                    .recover(e -> Future.succeededFuture());
        }
        RiskState s = state(eventTimeMs);
        if (!s.halts().equals(lastHalts)) {
            lastHalts = s.halts();
            vertx.eventBus().publish(Addresses.EVT_RISK, s);
        }
    }
}
