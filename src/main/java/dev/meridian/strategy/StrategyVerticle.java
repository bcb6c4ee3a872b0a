package dev.meridian.strategy;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.AssetClass;
import dev.meridian.config.OptionsPolicy;
import dev.meridian.core.Bar;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import dev.meridian.funds.FundsState;
import dev.meridian.learning.LearnerStore;
import dev.meridian.learning.LearningState;
import dev.meridian.learning.ModeBandit;
import dev.meridian.market.MarketStatus;
import dev.meridian.core.OptionBoard;
import dev.meridian.options.DeltaExposure;
import dev.meridian.options.Greeks;
import dev.meridian.options.OptionChain;
import dev.meridian.options.OptionQuote;
import dev.meridian.options.OptionType;
import dev.meridian.options.PackageTrader;
import dev.meridian.options.VenueChains;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.regime.RegimeBar;
import dev.meridian.session.SessionClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Feeds regime-annotated bars of the strategy timeframe to one {@link SymbolTrader} per symbol and
 * sends their intents to risk, keeping watermarks in order. Position state comes from the
 * portfolio ({@code evt.position}, and the open positions restored at start). It blocks entries on
 * stale symbols and on forex while the forex market is closed, and publishes each symbol's
 * {@link StrategyStatus} when it changes.
 *
 * <p>OPTIONS-class bars go to one {@link OptionsTrader} per underlying instead (option packages on
 * a synthetic chain, the same rules as {@code backtest --asset OPTIONS}); their intents carry the
 * package's ticket, and each bar a package is held its mark per unit is published on
 * {@code md.mark} for the portfolio (never on {@code md.tick}: it is no trade print). The strategy
 * does not know risk's halts: it chooses, risk refuses, and on the refusal of a package entry
 * ({@code evt.order.rejected}) the trader forgets the package. The backtest checks the halts
 * before choosing instead; that is the one difference between the two. Packages do not teach the
 * mode chooser or the signal score (the backtest's packages do not either).
 *
 * <p>It owns the AUTO {@link ModeChooser}: it teaches it every closed trade ({@code evt.trade.closed},
 * once per trade id), answers {@code cmd.learning.state} with what it believes, and saves a learned
 * chooser's state to PostgreSQL as it changes.
 */
public final class StrategyVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(StrategyVerticle.class.getName());
    private final StrategyParams params;
    private final int timeframeSec;
    private final SessionClock sessions;
    private final SymbolTrader.SessionTerms terms;
    private final Map<String, SymbolTrader> byKey = new HashMap<>();
    private final Map<String, StrategyStatus> lastStatus = new HashMap<>();
    /** Positions open at start, by {@link #key}; handed to each trader when it is created. */
    private final Map<String, SymbolTrader.OpenTrade> openAtStart;
    private final ModeChooser chooser;
    private final ScoreLearner scorer;
    private final Learner learner;
    private final Options options;
    private final Map<String, OptionsTrader> optionsByKey = new HashMap<>();
    /** The latest venue option chain per base coin. */
    private final Map<String, OptionChain> venueChains = new HashMap<>();
    /** The OPTIONS sub-ledger's equity as last published by the portfolio. */
    private BigDecimal optionsEquity;
    private final Map<String, Map<String, Object>> storedPackages = new java.util.LinkedHashMap<>();
    private Future<Void> savingPackages = Future.succeededFuture();
    private FundsState funds;
    private Set<String> staleKeys = Set.of();
    private long lastLearnedTradeId;
    private boolean learnerDirty;
    private Future<Void> saving = Future.succeededFuture();

    /**
     * Where the learned chooser's state goes: saved as it changes (at most every
     * {@code saveIntervalMs}, and at stop), with the seed it draws from for {@code /api/learning}.
     */
    public record Learner(Optional<LearnerStore> store, long seed, long saveIntervalMs) {
    }

    /**
     * The OPTIONS mode's terms: the package trader's parameters, the option rails' policy, the
     * budget rule, the OPTIONS sub-ledger's equity at start (then followed on {@code evt.portfolio}),
     * the packages stored by the last run (by underlying key, see {@link #storedPackages}) and the
     * symbols of the OPTIONS positions the portfolio holds: a stored package is taken as open only
     * while its position is held.
     */
    public record Options(PackageTrader.Params params, OptionsPolicy policy, OptionsTrader.Budget budget, BigDecimal startEquity,
                          Map<String, PackageTrader.EntryInputs> stored, Set<String> heldSymbols, Map<String, String> venueUnderlyings) {
    }

    /** How old a venue's option chain may be and still be traded on: older quotes are not the market. */
    static final long CHAIN_MAX_AGE_MS = 5 * 60_000;

    /** The {@code options_packages} row as written by this verticle: underlying key → entry inputs. */
    public static Map<String, PackageTrader.EntryInputs> storedPackages(JsonObject state) {
        Map<String, PackageTrader.EntryInputs> out = new HashMap<>();
        JsonObject packages = state.getJsonObject("packages", new JsonObject());
        for (String k : packages.fieldNames()) {
            JsonObject j = packages.getJsonObject(k);
            List<OptionQuote> quotes = new ArrayList<>();
            for (Object q : j.getJsonArray("venueQuotes", new io.vertx.core.json.JsonArray())) quotes.add(quote((JsonObject) q));
            out.put(k, new PackageTrader.EntryInputs(j.getString("underlying"), j.getLong("nowMs"), j.getDouble("price"),
                    j.getDouble("realizedVol"), dev.meridian.core.Regime.valueOf(j.getString("regime")),
                    j.getDouble("regimeConfidence"), j.getString("budgetUsd"), j.getString("ledgerEquity"),
                    j.getDouble("chainPrice", 0.0), quotes));
        }
        return out;
    }

    private static OptionQuote quote(JsonObject q) {
        JsonObject g = q.getJsonObject("greeks");
        Double iv = q.getDouble("markIv");
        return new OptionQuote(q.getString("symbol"), q.getString("underlying"), q.getLong("expiryMs"), new BigDecimal(q.getString("strike")),
                OptionType.valueOf(q.getString("type")), new BigDecimal(q.getString("bid")), new BigDecimal(q.getString("ask")),
                new BigDecimal(q.getString("mark")), iv == null ? OptionalDouble.empty() : OptionalDouble.of(iv),
                g == null ? Optional.empty() : Optional.of(new Greeks(g.getDouble("delta"), g.getDouble("gamma"), g.getDouble("vega"),
                        g.getDouble("theta"), g.getDouble("rho", Double.NaN))),
                q.getBoolean("synthetic"));
    }

    private static Map<String, Object> quoteJson(OptionQuote q) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("symbol", q.symbol());
        m.put("underlying", q.underlying());
        m.put("expiryMs", q.expiryMs());
        m.put("strike", q.strike().toPlainString());
        m.put("type", q.type().name());
        m.put("bid", q.bid().toPlainString());
        m.put("ask", q.ask().toPlainString());
        m.put("mark", q.markPrice().toPlainString());
        m.put("markIv", q.markIv().isPresent() ? q.markIv().getAsDouble() : null);
        m.put("greeks", q.venueGreeks().map(g -> {
            Map<String, Object> gm = new java.util.LinkedHashMap<>();
            gm.put("delta", g.delta());
            gm.put("gamma", g.gamma());
            gm.put("vega", g.vega());
            gm.put("theta", g.theta());
            // The venue reports no rho (NaN), which JSON cannot hold: absent reads back as NaN.
            if (Double.isFinite(g.rho())) gm.put("rho", g.rho());
            return gm;
        }).orElse(null));
        m.put("synthetic", q.synthetic());
        return m;
    }

    static Map<String, Object> json(PackageTrader.EntryInputs in) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("underlying", in.underlying());
        m.put("nowMs", in.nowMs());
        m.put("price", in.price());
        m.put("realizedVol", in.realizedVol());
        m.put("regime", in.regime().name());
        m.put("regimeConfidence", in.regimeConfidence());
        m.put("budgetUsd", in.budgetUsd());
        m.put("ledgerEquity", in.ledgerEquity());
        m.put("chainPrice", in.chainPrice());
        m.put("venueQuotes", in.venueQuotes().stream().map(StrategyVerticle::quoteJson).toList());
        return m;
    }

    /**
     * Stores each underlying's open package (its entry inputs) when one opens. A closed or
     * abandoned package needs no write: at start a stored package is kept only while the
     * portfolio holds its position. Writes go one after another, in order.
     */
    private void savePackages() {
        if (learner.store().isEmpty()) return;
        for (Map.Entry<String, OptionsTrader> e : optionsByKey.entrySet()) {
            e.getValue().entryInputs().ifPresent(in -> storedPackages.put(e.getKey(), json(in)));
        }
        Map<String, Object> state = Map.of("packages", new java.util.LinkedHashMap<>(storedPackages));
        LearnerStore store = learner.store().get();
        long last = lastLearnedTradeId;
        savingPackages = savingPackages.eventually(() -> store.save(LearnerStore.OPTIONS_PACKAGES, state, last)
                        .onFailure(x -> LOG.severe("open option packages not stored (a restart would not manage them): " + x.getMessage())))
                .recover(x -> Future.succeededFuture());
    }

    /**
     * @param chooser           the AUTO mode selector, shared by all symbols
     * @param scorer            the signal-score learner, shared by all symbols
     * @param lastLearnedTradeId newest closed trade both have already learned (restored state)
     */
    public StrategyVerticle(StrategyParams params, int timeframeSec, SessionClock sessions, SymbolTrader.SessionTerms terms,
                            Map<String, SymbolTrader.OpenTrade> openAtStart, FundsState funds, ModeChooser chooser,
                            ScoreLearner scorer, Learner learner, long lastLearnedTradeId, Options options) {
        this.options = options;
        this.optionsEquity = options.startEquity();
        options.stored().forEach((k, in) -> storedPackages.put(k, json(in)));
        this.params = params;
        this.timeframeSec = timeframeSec;
        this.sessions = sessions;
        this.terms = terms;
        this.openAtStart = new HashMap<>(openAtStart);
        this.funds = funds;
        this.chooser = chooser;
        this.scorer = scorer;
        this.learner = learner;
        this.lastLearnedTradeId = lastLearnedTradeId;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> staleKeys = m.body().staleSymbols());
        bus.<PositionChange>consumer(Addresses.EVT_POSITION, m -> {
            PositionChange p = m.body();
            // A package's position is the OptionsTrader's own business: it knows what it holds.
            if (p.assetClass() == AssetClass.OPTIONS) return;
            scorer.positionChanged(key(p.assetClass(), p.symbol()), p.open());
            trader(key(p.assetClass(), p.symbol())).positionChanged(p.open()
                    ? Optional.of(new SymbolTrader.OpenTrade(p.mode(), p.side(), p.session(), p.entryRefPrice(), p.stopPrice(), p.entryTimeMs()))
                    : Optional.empty(), p.assetClass());
        });
        // Learned before the next bar: the portfolio publishes the trade before it acknowledges the
        // watermark, so a replay decides exactly as the backtester, which learns at booking.
        bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> {
            ClosedTrade t = m.body();
            if (t.id() <= lastLearnedTradeId) return;
            if (t.assetClass() == AssetClass.OPTIONS) {
                lastLearnedTradeId = t.id();
                learnerDirty = true;
                return;
            }
            chooser.learn(t.assetClass(), t.regime(), t.session(), t.mode(), t.netReturnPct());
            scorer.closed(key(t.assetClass(), t.symbol()), t.netPnl().signum() > 0);
            lastLearnedTradeId = t.id();
            learnerDirty = true;
        });
        bus.<PortfolioSnapshot>consumer(Addresses.EVT_PORTFOLIO, m -> m.body().ledger(AssetClass.OPTIONS)
                .ifPresent(l -> optionsEquity = l.equity()));
        bus.<OrderRejected>consumer(Addresses.EVT_ORDER_REJECTED, m -> {
            OrderRejected r = m.body();
            if (r.assetClass() != AssetClass.OPTIONS) return;
            for (OptionsTrader t : optionsByKey.values()) {
                if (r.entry() && t.refused(r.symbol())) {
                    LOG.info("OPTIONS entry " + r.symbol() + " refused (" + r.reason() + "): package forgotten");
                } else if (!r.entry() && t.exitRefused(r.symbol())) {
                    LOG.warning("OPTIONS exit " + r.symbol() + " refused (" + r.reason() + "): package still held, managed again");
                }
            }
        });
        bus.<OptionBoard>consumer(Addresses.MD_OPTION_BOARD, m -> {
            try {
                VenueChains.Built built = VenueChains.chain(m.body());
                venueChains.put(m.body().baseCoin(), built.chain());
            } catch (IllegalArgumentException e) {
                LOG.warning(m.body().baseCoin() + " option board makes no chain: " + e.getMessage());
            }
        });
        bus.consumer(Addresses.CMD_LEARNING_STATE, m -> m.reply(learningState()));
        if (learner.store().isPresent()) {
            vertx.setPeriodic(learner.saveIntervalMs(), id -> saveLearner());
        }
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
        if (bar.assetClass() == AssetClass.OPTIONS) {
            onOptionsBar(rb, key(bar.assetClass(), bar.symbol()), Optional.empty());
            return;
        }
        String key = key(bar.assetClass(), bar.symbol());
        String coin = bar.assetClass() == AssetClass.SPOT ? options.venueUnderlyings().get(bar.symbol()) : null;
        if (coin != null) {
            // Live options on this coin: its spot bars drive the OPTIONS mode too, on the venue's chain while it is recent.
            Optional<OptionChain> chain = Optional.ofNullable(venueChains.get(coin))
                    .filter(c -> Math.abs(bar.closeTimeMs() - c.timeMs()) <= CHAIN_MAX_AGE_MS);
            onOptionsBar(rb, key(AssetClass.OPTIONS, bar.symbol()), chain);
        }
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
        if (r.consultedChooser() || r.intent().isPresent()) learnerDirty = true;
        if (!bar.warmup()) {
            StrategyStatus status = new StrategyStatus(bar.symbol(), bar.assetClass(), timeframeSec, bar.closeTimeMs(),
                    rb.regime(), rb.confidence(), session, r.mode(), r.note());
            if (!status.sameAs(lastStatus.get(key))) {
                lastStatus.put(key, status);
                vertx.eventBus().publish(Addresses.EVT_STRATEGY, status);
            }
        }
    }

    /**
     * One bar of an OPTIONS underlying: a replay's OPTIONS-class bar, or a live spot bar of a coin
     * whose options trade at the venue ({@code chain} then its recent chain, if any).
     */
    private void onOptionsBar(RegimeBar rb, String key, Optional<OptionChain> chain) {
        Bar bar = rb.bar();
        String dataKey = key(bar.assetClass(), bar.symbol());
        OptionsTrader trader = optionsByKey.computeIfAbsent(key, k -> {
            OptionsTrader t = new OptionsTrader(options.params(), options.policy(), timeframeSec, terms, options.budget());
            PackageTrader.EntryInputs in = options.stored().get(k);
            Optional<String> kept = Optional.empty();
            if (in != null) {
                kept = t.restore(in, options.heldSymbols());
                LOG.info(kept.map(s -> "restored the open option package " + s)
                        .orElse("the stored option package of " + k + " is no longer held; not restored"));
            }
            // A package position with no stored package (a crash between the entry's booking and the
            // package's save) is never closed by the mode: say so loudly rather than leave it silently.
            for (String held : options.heldSymbols()) {
                String coin = options.venueUnderlyings().get(bar.symbol());
                boolean ours = held.contains(" " + bar.symbol() + " ") || (coin != null && held.startsWith(coin + " "));
                if (ours && !kept.map(held::equals).orElse(false)) {
                    LOG.severe("OPTIONS position " + held + " is held but its package was not stored, so the OPTIONS mode"
                            + " will not manage or close it; close it by hand (a crash came between its booking and its save)");
                }
            }
            return t;
        });
        SessionLabel session = sessions.labelAt(bar.closeTimeMs());
        Optional<String> block = staleKeys.contains(dataKey) ? Optional.of("market data stale: no new entries") : Optional.empty();
        List<DeltaExposure> others = new ArrayList<>();
        optionsByKey.forEach((k, t) -> {
            if (!k.equals(key)) t.exposure().ifPresent(others::add);
        });
        OptionsTrader.Result r = trader.onBar(rb.source(), bar, rb.regime(), rb.confidence(), rb.warm(), session,
                funds.strategyMode(), block, optionsEquity, chain, others);
        r.mark().ifPresent(mark -> vertx.eventBus().publish(Addresses.MD_MARK, mark));
        r.intent().ifPresent(intent -> vertx.eventBus().send(Addresses.CMD_RISK_INTENT, intent));
        if (r.intent().isPresent() && r.intent().get().entry()) {
            if (!bar.warmup()) LOG.info("OPTIONS " + r.intent().get().symbol() + ": " + r.note());
            savePackages();
        }
        if (!bar.warmup()) {
            StrategyStatus status = new StrategyStatus(bar.symbol(), AssetClass.OPTIONS, timeframeSec, bar.closeTimeMs(),
                    rb.regime(), rb.confidence(), session, Optional.of(Mode.OPTIONS), r.note());
            if (!status.sameAs(lastStatus.get(key))) {
                lastStatus.put(key, status);
                vertx.eventBus().publish(Addresses.EVT_STRATEGY, status);
            }
        }
    }

    @Override
    public Future<?> stop() {
        return saving.transform(x -> saveLearner()).transform(x -> savingPackages);
    }

    /**
     * Writes the learner's state if it changed since the last write. One write at a time: the
     * periodic call skips while one is in flight (the next call picks the change up), so a slow
     * database never builds a queue of stale snapshots.
     */
    private Future<Void> saveLearner() {
        if (learner.store().isEmpty() || !learnerDirty || !saving.isComplete()) return Future.succeededFuture();
        learnerDirty = false;
        LearnerStore store = learner.store().get();
        long last = lastLearnedTradeId;
        Future<Void> bandit = chooser instanceof BanditChooser b
                ? store.save(LearnerStore.MODE_BANDIT, b.bandit().snapshot(), last) : Future.succeededFuture();
        Future<Void> score = store.save(LearnerStore.SIGNAL_SCORE, scorer.state(), last);
        saving = Future.all(bandit, score).<Void>mapEmpty()
                .onFailure(e -> {
                    learnerDirty = true;
                    LOG.warning("learner state not saved (retried on the next change): " + e.getMessage());
                });
        return saving;
    }

    private LearningState learningState() {
        LearningState.ScoreView score = LearningState.ScoreView.of(scorer.model(), ScoreLearner.FEATURES);
        if (chooser instanceof BanditChooser b) {
            return LearningState.of(b.bandit(), learner.seed(), lastLearnedTradeId,
                    c -> terms.of(c.session(), c.assetClass()).allowedModes(), score);
        }
        return new LearningState("RULES", Optional.empty(), learner.seed(), lastLearnedTradeId, List.of(), score);
    }

    /** The same symbol names a spot pair and a perpetual on Bybit, so the asset class is part of the key. */
    public static String key(AssetClass assetClass, String symbol) { return assetClass + ":" + symbol; }

    private SymbolTrader trader(String key) {
        return byKey.computeIfAbsent(key, k -> {
            SymbolTrader t = new SymbolTrader(params, terms, chooser, scorer);
            SymbolTrader.OpenTrade open = openAtStart.remove(k);
            if (open != null) t.positionChanged(Optional.of(open), AssetClass.valueOf(k.substring(0, k.indexOf(':'))));
            return t;
        });
    }
}
