package dev.meridian.strategy;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import dev.meridian.funds.FundsState;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.regime.RegimeBar;
import dev.meridian.session.SessionClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feeds regime-annotated bars of the strategy timeframe to one {@link SymbolTrader} per symbol and
 * sends their intents to risk, keeping watermarks in order. Position state comes from the
 * portfolio ({@code evt.position}, and the open positions restored at start). It blocks entries on
 * stale symbols and on forex while the forex market is closed, and publishes each symbol's
 * {@link StrategyStatus} when it changes.
 */
public final class StrategyVerticle extends VerticleBase {
    private final StrategyParams params;
    private final int timeframeSec;
    private final SessionClock sessions;
    private final SymbolTrader.SessionTerms terms;
    private final Map<String, SymbolTrader> byKey = new HashMap<>();
    private final Map<String, StrategyStatus> lastStatus = new HashMap<>();
    /** Positions open at start, by {@link #key}; handed to each trader when it is created. */
    private final Map<String, SymbolTrader.OpenTrade> openAtStart;
    private FundsState funds;
    private Set<String> staleKeys = Set.of();

    public StrategyVerticle(StrategyParams params, int timeframeSec, SessionClock sessions, SymbolTrader.SessionTerms terms,
                            Map<String, SymbolTrader.OpenTrade> openAtStart, FundsState funds) {
        this.params = params;
        this.timeframeSec = timeframeSec;
        this.sessions = sessions;
        this.terms = terms;
        this.openAtStart = new HashMap<>(openAtStart);
        this.funds = funds;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> staleKeys = m.body().staleSymbols());
        bus.<PositionChange>consumer(Addresses.EVT_POSITION, m -> {
            PositionChange p = m.body();
            trader(key(p.assetClass(), p.symbol())).positionChanged(p.open()
                    ? Optional.of(new SymbolTrader.OpenTrade(p.mode(), p.session(), p.entryRefPrice(), p.stopPrice(), p.entryTimeMs()))
                    : Optional.empty(), p.assetClass());
        });
        bus.<Object>consumer(Addresses.EVT_REGIME_BAR, m -> {
            Object body = m.body();
            if (body instanceof RegimeBar rb) {
                if (rb.bar().timeframeSec() != timeframeSec) return;
                onBar(rb);
            } else if (body instanceof Watermark w) {
                bus.send(Addresses.CMD_RISK_INTENT, w);
            }
        });
        return Future.succeededFuture();
    }

    private void onBar(RegimeBar rb) {
        Bar bar = rb.bar();
        String key = key(bar.assetClass(), bar.symbol());
        SessionLabel session = sessions.labelAt(bar.closeTimeMs());
        Optional<String> block = Optional.empty();
        if (staleKeys.contains(key)) {
            block = Optional.of("market data stale: no new entries");
        } else if (bar.assetClass() == AssetClass.FOREX && sessions.forexClosed(bar.closeTimeMs())) {
            block = Optional.of("forex market closed");
        }
        Optional<Mode> forced = funds.strategyMode();
        SymbolTrader.Result r = trader(key).onBar(rb.source(), bar,
                new SymbolTrader.Context(rb.regime(), rb.confidence(), rb.warm(), session, forced, block));
        r.intent().ifPresent(intent -> vertx.eventBus().send(Addresses.CMD_RISK_INTENT, intent));
        if (!bar.warmup()) {
            StrategyStatus status = new StrategyStatus(bar.symbol(), bar.assetClass(), timeframeSec, bar.closeTimeMs(),
                    rb.regime(), rb.confidence(), session, r.mode(), r.note());
            if (!status.sameAs(lastStatus.get(key))) {
                lastStatus.put(key, status);
                vertx.eventBus().publish(Addresses.EVT_STRATEGY, status);
            }
        }
    }

    /** The same symbol names a spot pair and a perpetual on Bybit, so the asset class is part of the key. */
    public static String key(AssetClass assetClass, String symbol) { return assetClass + ":" + symbol; }

    private SymbolTrader trader(String key) {
        return byKey.computeIfAbsent(key, k -> {
            SymbolTrader t = new SymbolTrader(params, terms);
            SymbolTrader.OpenTrade open = openAtStart.remove(k);
            if (open != null) t.positionChanged(Optional.of(open), AssetClass.valueOf(k.substring(0, k.indexOf(':'))));
            return t;
        });
    }
}
