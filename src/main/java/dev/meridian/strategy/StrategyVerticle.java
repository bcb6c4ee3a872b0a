package dev.meridian.strategy;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import dev.meridian.funds.FundsState;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.regime.RegimeBar;
import dev.meridian.session.SessionClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Feeds regime-annotated bars of the strategy timeframe to one {@link TrendCrossStrategy} per
 * symbol and sends the intents to risk, keeping watermarks in order. Position state comes from the
 * portfolio ({@code evt.position}, and the open positions restored at start).
 */
public final class StrategyVerticle extends VerticleBase {
    private final TrendCrossStrategy.Params params;
    private final int timeframeSec;
    private final SessionClock sessions;
    private final Map<SessionLabel, Set<Mode>> allowedModes;
    private final Map<String, TrendCrossStrategy> byKey = new HashMap<>();
    /** Stops of the positions open at start, by {@link #key}. */
    private final Map<String, BigDecimal> openStops;
    private FundsState funds;
    private Set<String> staleKeys = Set.of();

    public StrategyVerticle(TrendCrossStrategy.Params params, int timeframeSec, SessionClock sessions,
                            Map<SessionLabel, Set<Mode>> allowedModes, Map<String, BigDecimal> openStopsByKey,
                            FundsState funds) {
        this.params = params;
        this.timeframeSec = timeframeSec;
        this.sessions = sessions;
        this.allowedModes = allowedModes;
        this.openStops = new HashMap<>(openStopsByKey);
        this.funds = funds;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> staleKeys = m.body().staleSymbols());
        bus.<PositionChange>consumer(Addresses.EVT_POSITION, m -> strategy(key(m.body().assetClass(), m.body().symbol()))
                .positionChanged(m.body().open(), m.body().stopPrice()));
        bus.<Object>consumer(Addresses.EVT_REGIME_BAR, m -> {
            Object body = m.body();
            if (body instanceof RegimeBar rb) {
                if (rb.bar().timeframeSec() != timeframeSec) return;
                SessionLabel session = sessions.labelAt(rb.bar().closeTimeMs());
                String key = key(rb.bar().assetClass(), rb.bar().symbol());
                // Stale data allows no mode: no new entries until fresh data arrives (exits still run).
                Set<Mode> modes = staleKeys.contains(key) ? Set.of() : allowedModes.getOrDefault(session, Set.of());
                strategy(key).onBar(rb.source(), rb.bar(), rb.regime(), rb.confidence(), session, modes, funds.strategyMode())
                        .ifPresent(intent -> bus.send(Addresses.CMD_RISK_INTENT, intent));
            } else if (body instanceof Watermark w) {
                bus.send(Addresses.CMD_RISK_INTENT, w);
            }
        });
        return Future.succeededFuture();
    }

    /** The same symbol names a spot pair and a perpetual on Bybit, so the asset class is part of the key. */
    public static String key(AssetClass assetClass, String symbol) { return assetClass + ":" + symbol; }

    private TrendCrossStrategy strategy(String key) {
        return byKey.computeIfAbsent(key, s -> {
            TrendCrossStrategy st = new TrendCrossStrategy(params);
            BigDecimal stop = openStops.remove(s);
            if (stop != null) st.positionChanged(true, stop);
            return st;
        });
    }
}
