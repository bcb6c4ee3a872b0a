package dev.meridian.app;

import dev.meridian.bus.DecisionLatency;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.bus.Watermark;
import dev.meridian.config.ConfigException;
import dev.meridian.config.ConfigLoader;
import dev.meridian.config.ConfigResult;
import dev.meridian.config.LearningConfig;
import dev.meridian.config.MeridianConfig;
import dev.meridian.config.Secret;
import dev.meridian.core.Bar;
import dev.meridian.core.Fill;
import dev.meridian.core.FundingFee;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Tick;
import dev.meridian.exchange.ExecStatus;
import dev.meridian.execution.ExecutionVerticle;
import dev.meridian.execution.LiveOrderStore;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.VenuePosition;
import dev.meridian.exchange.bybit.BybitLinearVenue;
import dev.meridian.exchange.bybit.BybitOptionVenue;
import dev.meridian.exchange.oanda.OandaRest;
import dev.meridian.exchange.oanda.OandaRestSettings;
import dev.meridian.exchange.oanda.OandaVenue;
import dev.meridian.exchange.bybit.BybitSpotVenue;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import dev.meridian.exchange.WalletBalanceSource;
import java.time.Clock;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.funds.AuditLog;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import dev.meridian.funds.FundsUpdate;
import dev.meridian.funds.FundsVerticle;
import dev.meridian.learning.KpiBook;
import dev.meridian.learning.LearnerStore;
import dev.meridian.backtest.Backtester;
import dev.meridian.options.PackageTrader;
import dev.meridian.learning.LearningState;
import dev.meridian.learning.LearningVerticle;
import dev.meridian.learning.Reward;
import dev.meridian.market.MarketStatus;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.market.BarStore;
import dev.meridian.market.BarsQuery;
import dev.meridian.market.InstrumentsUpdate;
import dev.meridian.market.LiveMarketVerticle;
import dev.meridian.market.ReplaySource;
import dev.meridian.market.ReplayVerticle;
import dev.meridian.market.UniverseChange;
import dev.meridian.notify.TelegramVerticle;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.EquityHistory;
import dev.meridian.portfolio.FundingPaid;
import dev.meridian.portfolio.Ledger;
import dev.meridian.portfolio.LedgerStore;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.PortfolioVerticle;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.portfolio.TradesPage;
import dev.meridian.portfolio.WalletCapsUpdate;
import dev.meridian.portfolio.WalletSyncVerticle;
import dev.meridian.regime.RegimeBar;
import dev.meridian.regime.RegimeChange;
import dev.meridian.regime.RegimeVerticle;
import dev.meridian.learning.KpiGates;
import dev.meridian.learning.KpiList;
import dev.meridian.risk.KpiStore;
import dev.meridian.risk.RailsSnapshot;
import dev.meridian.risk.RailsStore;
import dev.meridian.risk.RiskEngine;
import dev.meridian.risk.RiskRails;
import dev.meridian.risk.RiskResume;
import dev.meridian.core.RiskState;
import dev.meridian.risk.RiskVerticle;
import dev.meridian.risk.Sizer;
import dev.meridian.session.SessionChange;
import dev.meridian.session.SessionClock;
import dev.meridian.session.SessionVerticle;
import dev.meridian.store.Database;
import dev.meridian.learning.ModeBandit;
import dev.meridian.strategy.ModeChooser;
import dev.meridian.strategy.ScoreLearner;
import dev.meridian.strategy.StrategyStatus;
import dev.meridian.strategy.StrategyVerticle;
import dev.meridian.strategy.SymbolTrader;
import dev.meridian.strategy.TradeIntent;
import dev.meridian.telemetry.TelemetryVerticle;
import dev.meridian.web.DashboardToken;
import dev.meridian.web.WebVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The wiring: the one place to read the architecture. Start-up, in order:
 * <ol>
 *   <li>configuration (conf/, policies/, environment) — any problem stops here;</li>
 *   <li>PostgreSQL (embedded under the state dir, or MERIDIAN_PG_URL) and its migrations;</li>
 *   <li>restored state: sub-ledgers, open positions, funds controls, the replay position;</li>
 *   <li>the verticles, consumers first and the market source last, so no message finds nobody:
 *       portfolio ← execution ← risk ← strategy ← regime ← market, beside them session, funds,
 *       learning (rewards), telemetry, Telegram, wallet sync and web.</li>
 * </ol>
 * Decisions flow market → regime → strategy → risk → execution → portfolio as records on the bus;
 * see DESIGN.md for the addresses and the watermark that keeps replays deterministic.
 */
public final class MeridianApp {
    private static final Logger LOG = Logger.getLogger(MeridianApp.class.getName());
    /** The learner's state is written at most this often (and at stop); trades after it are relearned at start. */
    private static final long LEARNER_SAVE_INTERVAL_MS = 2_000;

    /** A start-up failure with a clear message and an exit code. */
    public static final class StartupException extends RuntimeException {
        private final int exitCode;

        public StartupException(String message, int exitCode, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        public int exitCode() { return exitCode; }
    }

    /** The HTTP port actually bound (the configured one, or the system's pick for 0). */
    private static final int[] webPort = {0};

    private MeridianApp() {
    }

    static int checkConfig() {
        Path work = Path.of("").toAbsolutePath();
        ConfigResult result = ConfigLoader.checkBlocking(work, System.getenv());
        result.warnings().forEach(w -> System.err.println("warning: " + w));
        if (result.isValid()) {
            System.out.println("configuration OK (" + work + ")");
            return 0;
        }
        System.err.println("configuration has " + result.problems().size() + " problem(s):");
        result.problems().forEach(p -> System.err.println("  " + p));
        return 2;
    }

    /** Starts the bot and returns once it serves; the JVM keeps running until stopped. */
    static void run(Cli cli) {
        Path work = Path.of("").toAbsolutePath();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics))
                .build();
        try {
            start(vertx, metrics, work, cli);
        } catch (RuntimeException e) {
            await(vertx.close());
            throw e;
        }
    }

    private static void start(Vertx vertx, PrometheusMeterRegistry metrics, Path work, Cli cli) {
        MeridianConfig config;
        try {
            config = ConfigLoader.load(vertx, work, System.getenv()).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new StartupException(e.getCause() instanceof ConfigException ce
                    ? "configuration has problems:\n  " + String.join("\n  ", ce.problems())
                    : "configuration could not be read: " + e.getCause().getMessage(), 2, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted during start-up", 1, e);
        }
        Optional<ReplaySource> replay;
        try {
            replay = cli.replay().map(name -> ReplaySource.resolve(name, cli.asset()));
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), 2, e);
        }
        double speed = cli.speed().orElse(Configs.defaultSpeed(config));

        Path stateDir = config.stateDir();
        Database db;
        DashboardToken token;
        try {
            db = Database.open(vertx, stateDir, config.pgUrl().map(Secret::reveal));
        } catch (RuntimeException e) {
            throw new StartupException(e.getMessage(), 1, e);
        }
        try {
            token = DashboardToken.init(config.dashboardToken().map(Secret::reveal), stateDir);
        } catch (IOException | RuntimeException e) {
            await(db.close());
            throw new StartupException(e.getMessage(), 1, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            // Verticles first, while the database still answers: their stop() saves state (the learner's).
            awaitAtMost(Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()), 10);
            await(db.close());
            await(vertx.close());
        }, "meridian-shutdown"));
        db.leaveShutdownToCaller();

        try {
            // Resolved here, on the main thread: it may extract the bundled copy from the jar (blocking I/O).
            Path webroot = Configs.webroot(work);
            deploy(vertx, config, webroot, db, token, replay, speed, metrics).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String msg = c instanceof BindException || String.valueOf(c.getMessage()).contains("Address already in use")
                    ? "cannot listen on " + config.http().host() + ":" + config.http().port() + " (address already in use); set MERIDIAN_HTTP_PORT"
                    : "start-up failed: " + c.getMessage();
            await(db.close());
            throw new StartupException(msg, 1, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted during start-up", 1, e);
        }
        System.out.println("Meridian is serving http://" + config.http().host() + ":" + webPort[0]
                + " (paper trading, " + replay.map(r -> "replay " + r.name() + (speed == 0 ? " at max speed" : " at " + speed + "x"))
                .orElse("live Bybit public data from " + config.bybit().wsUrl()) + ")");
        token.generatedOnce().ifPresent(t -> System.out.println("Dashboard token (shown only this once; only its hash is stored): " + t));
    }

    private static Future<?> deploy(Vertx vertx, MeridianConfig config, Path webroot, Database db, DashboardToken token,
                                    Optional<ReplaySource> replay, double speed, PrometheusMeterRegistry metrics) {
        String sourceName = replay.map(ReplaySource::name).orElse(LiveMarketVerticle.SOURCE);
        RecordCodecs.registerAll(vertx.eventBus(), Tick.class, dev.meridian.core.Mark.class, Bar.class, Watermark.class, RegimeBar.class,
                RegimeChange.class, SessionChange.class, TradeIntent.class, Order.class, OrderRejected.class, Fill.class,
                PositionChange.class, PortfolioSnapshot.class, ClosedTrade.class, TradesPage.class, EquityHistory.class, FundingPaid.class, FundingFee.class, VenuePosition.class, FundsState.class,
                FundsUpdate.class, AuditLog.class, Reward.class, MarketStatus.class, UniverseChange.class, RiskState.class, RiskResume.class, BarsQuery.class, BarsQuery.Result.class, InstrumentsUpdate.class, WalletCapsUpdate.class, StrategyStatus.class, KpiList.class,
                ExecStatus.class, LearningState.class, dev.meridian.core.OptionBoard.class, dev.meridian.core.VenueClose.class, dev.meridian.core.Quote.class);
        Map<dev.meridian.core.AssetClass, BigDecimal> allocation = Configs.allocationUsd(config);
        LedgerStore store = new LedgerStore(db.pool());
        SessionClock sessions = Configs.sessionClock(config);

        Future<LedgerStore.Loaded> ledger = store.load(allocation);
        Future<FundsState> funds = FundsVerticle.loadStored(db.pool()).map(stored -> {
            FundsState defaults = FundsState.defaults(allocation, Configs.pairCap(config));
            if (stored.isEmpty()) return defaults;
            FundsController.Result r = FundsController.apply(defaults, stored.get().getMap());
            if (!r.ok()) throw new IllegalStateException("stored funds state is invalid: " + r.error());
            return r.state();
        });
        Future<Optional<Long>> position = replay.isPresent() ? store.replayPosition(sourceName) : Future.succeededFuture(Optional.empty());
        RailsStore railsStore = new RailsStore(db.pool());
        Future<Optional<RailsSnapshot>> railsState = railsStore.load();
        KpiStore kpiStore = new KpiStore(db.pool());
        Future<List<KpiStore.Evidence>> evidence = kpiStore.loadEvidence();
        LearnerStore learnerStore = new LearnerStore(db.pool());
        Future<RestoredLearners> learners = ledger.compose(loaded -> restoreLearners(config, learnerStore,
                loaded.positions().stream().map(p -> StrategyVerticle.key(p.assetClass(), p.symbol())).collect(Collectors.toSet())));
        Future<Map<String, PackageTrader.EntryInputs>> packages = learnerStore.load(LearnerStore.OPTIONS_PACKAGES)
                .map(st -> st.map(v -> StrategyVerticle.storedPackages(v.state())).orElse(Map.of()))
                .recover(e -> {
                    LOG.warning("stored option packages unreadable, none restored: " + e.getMessage());
                    return Future.succeededFuture(Map.of());
                });
        return Future.all(List.of(ledger, funds, position, railsState, evidence, learners, packages)).compose(x -> {
            Ledger book = new Ledger(ledger.result().subLedgers(), ledger.result().positions());
            PortfolioSnapshot snapshot = book.snapshot();
            Map<String, SymbolTrader.OpenTrade> openTrades = new HashMap<>();
            book.positions().forEach(p -> openTrades.put(StrategyVerticle.key(p.assetClass(), p.symbol()),
                    new SymbolTrader.OpenTrade(p.mode(), p.side(), p.session(), p.entryRefPrice(), p.stopPrice(), p.entryTimeMs())));
            FundsState f = funds.result();
            long resumeAfter = position.result().orElse(0L);
            LOG.info("restored " + book.positions().size() + " open position(s), " + ledger.result().tradeCount()
                    + " closed trade(s); total equity " + snapshot.totalEquity().toPlainString());
            // The policy has one fee: it is both the taker fee and (conservatively) the maker fee of the paper venue.
            PaperVenue paper = new PaperVenue(Configs.feeBps(config), Configs.feeBps(config), Configs.slippageBps(config));
            RiskRails rails = Configs.rails(config);
            railsState.result().ifPresent(rails::restore);
            KpiBook kpiBook = new KpiBook(config.policies().kpi().windowDays());
            evidence.result().forEach(e -> kpiBook.add(e.assetClass(), e.mode(), e.sample()));
            KpiGates kpis = new KpiGates(kpiBook, config.policies()::kpiThresholds);
            // Live trading needs live data and keys: a replay never sends an order to a venue.
            Optional<BybitSpotVenue> spotVenue = replay.isPresent() ? Optional.empty()
                    : config.bybit().credentials().map(c -> new BybitSpotVenue(vertx,
                            new BybitTradingClient(vertx, config.bybit().restUrl(), c.apiKey().reveal(), c.apiSecret()),
                            new BybitMarketRest(vertx, config.bybit().restUrl()), config.bybit().wsPrivateUrl(), c,
                            StreamOptions.defaults(), Clock.systemUTC()));
            DecisionLatency latency = new DecisionLatency();
            // Perps trade live beside spot with the same keys, on the linear symbols the live universe streams,
            // and only when PERP has money: the venue's start sets the account's margin mode and position mode,
            // which an owner who does not trade perps has not asked for.
            List<String> linearSymbols = config.market().live().universe().getOrDefault(dev.meridian.core.Category.LINEAR, List.of());
            boolean perpFunded = allocation.getOrDefault(dev.meridian.core.AssetClass.PERP, BigDecimal.ZERO).signum() > 0;
            Optional<BybitLinearVenue> linearVenue = replay.isPresent() || linearSymbols.isEmpty() || !perpFunded ? Optional.empty()
                    : config.bybit().credentials().map(c -> new BybitLinearVenue(vertx,
                            new BybitTradingClient(vertx, config.bybit().restUrl(), c.apiKey().reveal(), c.apiSecret()),
                            new BybitMarketRest(vertx, config.bybit().restUrl()), config.bybit().wsPrivateUrl(), c,
                            StreamOptions.defaults(), Clock.systemUTC(), new BybitLinearVenue.Params(Set.copyOf(linearSymbols), true)));
            // Options trade live on the base coins of universe.OPTION, with the same keys, when OPTIONS has money.
            List<String> optionCoins = config.market().live().optionBaseCoins();
            boolean optionsFunded = allocation.getOrDefault(dev.meridian.core.AssetClass.OPTIONS, BigDecimal.ZERO).signum() > 0;
            Optional<BybitOptionVenue> optionVenue = replay.isPresent() || optionCoins.isEmpty() || !optionsFunded ? Optional.empty()
                    : config.bybit().credentials().map(c -> new BybitOptionVenue(vertx,
                            new BybitTradingClient(vertx, config.bybit().restUrl(), c.apiKey().reveal(), c.apiSecret()),
                            new BybitMarketRest(vertx, config.bybit().restUrl()), config.bybit().wsPrivateUrl(), c,
                            StreamOptions.defaults(), Clock.systemUTC(), new BybitOptionVenue.Params(Set.copyOf(optionCoins))));
            // Forex trades live on OANDA when its token and account are set (without them FOREX is idle, /api/status says why).
            Optional<OandaRest> oandaRest = replay.isPresent() || config.oanda().instruments().isEmpty() ? Optional.empty()
                    : config.oanda().account().map(a -> new OandaRest(vertx, OandaRestSettings.defaults(config.oanda().url()), a));
            // The venue reads its account history on from where the last run stopped (closes and financing while down).
            Optional<OandaVenue> forexVenue = oandaRest.map(r -> new OandaVenue(vertx, r, OandaVenue.DEFAULT_POLL_INTERVAL,
                    Optional.of(dev.meridian.exchange.VenueCursor.sql(db.pool(), "oanda"))));
            List<LiveVenue> liveVenues = new java.util.ArrayList<>();
            spotVenue.ifPresent(liveVenues::add);
            linearVenue.ifPresent(liveVenues::add);
            optionVenue.ifPresent(liveVenues::add);
            forexVenue.ifPresent(liveVenues::add);
            List<WalletBalanceSource> wallets = new java.util.ArrayList<>();
            Set<dev.meridian.core.AssetClass> unified = new java.util.HashSet<>();
            linearVenue.ifPresent(v -> unified.add(dev.meridian.core.AssetClass.PERP));
            optionVenue.ifPresent(v -> unified.add(dev.meridian.core.AssetClass.OPTIONS));
            spotVenue.ifPresent(v -> wallets.add(WalletBalanceSource.sharing(v, unified)));
            forexVenue.ifPresent(wallets::add);
            RiskEngine risk = new RiskEngine(new Sizer(Configs.sizer(config)), rails,
                    (session, assetClass) -> config.policies().session().profile(session, assetClass).sizeMult(), kpis);
            return vertx.deployVerticle(new PortfolioVerticle(book, store, config.policies().risk().paperFundingRate8h()))
                    .compose(id -> vertx.deployVerticle(new LearningVerticle(db.pool())))
                    .compose(id -> vertx.deployVerticle(new FundsVerticle(db.pool(), f)))
                    .compose(id -> vertx.deployVerticle(new ExecutionVerticle(paper, f, List.copyOf(liveVenues),
                            liveVenues.isEmpty() ? Optional.empty() : Optional.of(new LiveOrderStore(db.pool())), ExecutionVerticle.Params.DEFAULT)))
                    .compose(id -> vertx.deployVerticle(new RiskVerticle(risk, rails, railsStore, kpis, kpiStore, metrics, f, snapshot, latency)))
                    .compose(id -> vertx.deployVerticle(new StrategyVerticle(Configs.strategyParams(config),
                            strategyTimeframe(config, replay), sessions, Configs.sessionTerms(config), openTrades, f,
                            learners.result().chooser(), learners.result().scorer(), new StrategyVerticle.Learner(Optional.of(learnerStore),
                                    config.strategy().learning().seed(), LEARNER_SAVE_INTERVAL_MS), learners.result().lastTradeId(),
                            new StrategyVerticle.Options(PackageTrader.Params.defaults(), config.policies().options(),
                                    Backtester.optionsBudget(Configs.sizer(config)),
                                    snapshot.ledger(dev.meridian.core.AssetClass.OPTIONS).map(l -> l.equity()).orElse(BigDecimal.ZERO),
                                    packages.result(), book.positions().stream().filter(p -> p.assetClass() == dev.meridian.core.AssetClass.OPTIONS)
                                            .map(p -> p.symbol()).collect(Collectors.toSet()),
                                    replay.isPresent() ? Map.of() : optionUnderlyings(config)))))
                    .compose(id -> vertx.deployVerticle(new RegimeVerticle(Configs.regimeParams(config),
                            config.policies().regime().referenceTimeframeSec(), sourceName, metrics)))
                    .compose(id -> vertx.deployVerticle(new SessionVerticle(sessions)))
                    .compose(id -> vertx.deployVerticle(new TelemetryVerticle(config.telemetryDir(), metrics)))
                    .compose(id -> vertx.deployVerticle(new TelegramVerticle(config.telegram(), metrics)))
                    .compose(id -> vertx.deployVerticle(new WalletSyncVerticle(wallets.isEmpty() ? Optional.empty()
                            : Optional.of(WalletBalanceSource.of(wallets)), 30_000)))
                    .compose(id -> {
                        WebVerticle web = new WebVerticle(config.http().host(), config.http().port(), token,
                                webroot.toString(), metrics, () -> db.pool().query("SELECT 1").execute().mapEmpty(), config.stateDir())
                                .unavailable(replay.isPresent() || config.oanda().account().isPresent() ? Map.of()
                                        : Map.of(dev.meridian.core.AssetClass.FOREX, "no OANDA credentials: set MERIDIAN_OANDA_TOKEN and"
                                                + " MERIDIAN_OANDA_ACCOUNT to stream and trade " + config.oanda().instruments()));
                        return vertx.deployVerticle(web).onSuccess(deployed -> webPort[0] = web.actualPort());
                    })
                    .compose(id -> vertx.deployVerticle(replay.isPresent()
                            ? new ReplayVerticle(replay.get(), speed, Configs.timeframes(config), resumeAfter, latency)
                            : new LiveMarketVerticle(config.bybit().wsUrl(), new BybitMarketRest(vertx, config.bybit().restUrl()),
                                    config.market().live(), Configs.timeframes(config),
                                    config.policies().risk().staleDataSec() * 1000L, new BarStore(db.pool()), metrics, latency,
                                    oandaRest.map(r -> new LiveMarketVerticle.ForexFeed(config.oanda().streamUrl(),
                                            config.oanda().account().orElseThrow(), config.oanda().instruments(),
                                            config.policies().session().forexClosed(), r)))));
        });
    }

    private record RestoredLearners(ModeChooser chooser, ScoreLearner scorer, long lastTradeId) {
    }

    /**
     * The AUTO chooser and the signal-score learner as they were: their stored states, then every
     * trade closed after the newest trade each had saved (booked but not yet learned when the bot
     * stopped). The score learner can relearn such a trade only if its entry's features were saved
     * with the open position. A state that cannot be read is rebuilt from all closed trades, with a
     * warning: the bandit's rewards are in the trades table; the pick counts and the score model's
     * features are lost.
     */
    private static Future<RestoredLearners> restoreLearners(MeridianConfig config, LearnerStore store, Set<String> openKeys) {
        LearningConfig l = config.strategy().learning();
        Future<Optional<LearnerStore.Stored>> bandit = store.load(LearnerStore.MODE_BANDIT);
        Future<Optional<LearnerStore.Stored>> score = store.load(LearnerStore.SIGNAL_SCORE);
        return Future.all(bandit, score).compose(x -> {
            Optional<ModeBandit.Snapshot> b = readable(bandit.result(), ModeBandit.Snapshot.class, LearnerStore.MODE_BANDIT);
            Optional<ScoreLearner.State> sc = readable(score.result(), ScoreLearner.State.class, LearnerStore.SIGNAL_SCORE);
            long banditLast = b.isPresent() ? bandit.result().get().lastTradeId() : 0;
            long scoreLast = sc.isPresent() ? score.result().get().lastTradeId() : 0;
            return store.tradesAfter(Math.min(banditLast, scoreLast)).map(trades -> {
                ModeChooser chooser = Configs.modeChooser(l, l.seed(), b);
                ScoreLearner scorer = sc.map(ScoreLearner::restore).orElseGet(() -> Configs.scoreLearner(l));
                long last = Math.max(banditLast, scoreLast);
                int relearned = 0;
                for (LearnerStore.TradeOutcome t : trades) {
                    if (t.id() > banditLast) chooser.learn(t.assetClass(), t.regime(), t.session(), t.mode(), t.netReturnPct());
                    if (t.id() > scoreLast && scorer.closed(StrategyVerticle.key(t.assetClass(), t.symbol()), t.netPnl().signum() > 0)) {
                        relearned++;
                    }
                    last = Math.max(last, t.id());
                }
                scorer.retainOpen(openKeys);
                LOG.info("mode selector " + l.modeSelector() + (b.isPresent() ? " restored" : " from its prior")
                        + ", signal-score model " + (sc.isPresent() ? "restored" : "new")
                        + (trades.isEmpty() ? "" : "; relearned " + trades.size() + " trade(s) closed since they were saved ("
                        + relearned + " for the score model)"));
                return new RestoredLearners(chooser, scorer, last);
            });
        });
    }

    private static <T> Optional<T> readable(Optional<LearnerStore.Stored> stored, Class<T> type, String name) {
        try {
            return stored.map(s -> s.as(type, name));
        } catch (IllegalStateException e) {
            LOG.warning(e.getMessage() + "; rebuilding it from the closed trades");
            return Optional.empty();
        }
    }

    /** A bar source cannot make bars finer than its own: the strategy then decides on the source's bars. */
    /** Live spot symbol → option base coin, for the coins of universe.OPTION. */
    private static Map<String, String> optionUnderlyings(MeridianConfig config) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String coin : config.market().live().optionBaseCoins()) {
            out.put(dev.meridian.config.LiveMarketConfig.optionUnderlying(coin), coin);
        }
        return out;
    }

    private static int strategyTimeframe(MeridianConfig config, Optional<ReplaySource> replay) {
        int configured = Configs.strategyTimeframe(config);
        int tf = Math.max(configured, replay.flatMap(r -> r.barTimeframeSec().isPresent()
                ? Optional.of(r.barTimeframeSec().getAsInt()) : Optional.empty()).orElse(configured));
        if (tf != configured) {
            LOG.info("strategy decides on " + tf + " s bars: " + replay.get().name() + " has no finer data than that");
        }
        return tf;
    }

    private static void awaitAtMost(Future<?> f, int seconds) {
        try {
            f.toCompletionStage().toCompletableFuture().get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warning("stopping the verticles did not finish cleanly: " + e);
        }
    }

    private static void await(Future<?> f) {
        CompletableFuture<?> cf = f.toCompletionStage().toCompletableFuture();
        try {
            cf.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warning("shutdown step failed: " + e.getCause().getMessage());
        }
    }
}
