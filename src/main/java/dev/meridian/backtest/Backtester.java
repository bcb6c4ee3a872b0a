package dev.meridian.backtest;

import dev.meridian.config.KpiThresholds;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Fill;
import dev.meridian.core.MarketEvent;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Tick;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.execution.PaperFills;
import dev.meridian.funds.FundsState;
import dev.meridian.learning.KpiBook;
import dev.meridian.learning.KpiSample;
import dev.meridian.learning.RewardSystem;
import dev.meridian.market.BarAggregator;
import dev.meridian.market.ReplayReader;
import dev.meridian.market.ReplaySource;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.FundingClock;
import dev.meridian.config.OptionsPolicy;
import dev.meridian.portfolio.Ledger;
import dev.meridian.portfolio.Position;
import dev.meridian.regime.RegimeDetector;
import dev.meridian.learning.KpiGates;
import dev.meridian.risk.RiskEngine;
import dev.meridian.risk.RiskRails;
import dev.meridian.risk.Sizer;
import dev.meridian.session.SessionClock;
import dev.meridian.options.PackageTrader;
import dev.meridian.strategy.ModeChooser;
import dev.meridian.strategy.OptionsTrader;
import dev.meridian.strategy.ScoreLearner;
import dev.meridian.strategy.StrategyParams;
import dev.meridian.strategy.StrategyVerticle;
import dev.meridian.strategy.SymbolTrader;
import dev.meridian.strategy.TradeIntent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives the same decision classes as the running bot — bar aggregation, the regime detector,
 * the session clock, the strategy manager, the risk engine (sizer, rails, KPI gates), the paper
 * venue with the router's fill aggregation, and the ledger — synchronously over a replay source,
 * with no event bus, database or state directory. The order of work per event is the deployed
 * chain's: the trade print reaches the paper venue and the marks, closed bars go through the
 * regime detector, bars of the strategy timeframe through the strategy, intents through risk,
 * orders through the paper venue into the ledger, and the strategy learns the position before the
 * next event, and the mode chooser learns each closed trade before the next event (as the deployed
 * strategy verticle does from {@code evt.trade.closed}). So the same data and seed give the same
 * trades, byte for byte, every time.
 *
 * <p>Events before {@code tradeFromMs} are warm-up (indicators and regimes learn, nothing trades),
 * events after {@code toMs} are not read: a walk-forward fold trades only its own span, with
 * indicators warmed on the data before it. Not thread-safe; one run at a time.
 */
public final class Backtester {
    /** Everything the pipeline needs, as plain parameters (the app maps the configuration onto it). */
    public record Setup(StrategyParams strategy, int strategyTimeframeSec, List<Integer> timeframesSec,
                        RegimeDetector.Params regime, int regimeReferenceTimeframeSec, SessionClock sessions,
                        SymbolTrader.SessionTerms terms, Sizer.Params sizer, Supplier<RiskRails> rails,
                        RiskEngine.SessionSizing sessionSizing,
                        BiFunction<AssetClass, Mode, Optional<KpiThresholds>> kpiThresholds, int kpiWindowDays,
                        BigDecimal feeBps, BigDecimal slippageBps, Map<AssetClass, BigDecimal> allocationUsd,
                        BigDecimal pairCapFraction, Supplier<ModeChooser> autoChooser, Supplier<ScoreLearner> scoreLearner,
                        BigDecimal paperFundingRate8h, OptionsPolicy optionsPolicy, PackageTrader.Params options) {
    }

    /** One pass: what to call it, where trading starts and stops, and the Strategy Mode (empty = AUTO). */
    public record Pass(String label, long tradeFromMs, long toMs, Optional<Mode> forcedMode) {
        public static Pass whole(String label, Optional<Mode> forced) {
            return new Pass(label, Long.MIN_VALUE, Long.MAX_VALUE, forced);
        }
    }

    private final Setup setup;

    public Backtester(Setup setup) { this.setup = setup; }

    /** A pass with a fresh chooser of the configured AUTO kind (the deployed bot's, at its first start). */
    public BacktestRun run(ReplaySource source, Pass pass) {
        return run(source, pass, setup.autoChooser().get());
    }

    /**
     * A pass whose AUTO mode choice is {@code chooser}'s. The chooser learns from every trade the
     * pass closes, and keeps what it learned after the pass: handing the same chooser to the next
     * pass is how a walk-forward learner carries its training into the fold it is tested on.
     */
    public BacktestRun run(ReplaySource source, Pass pass, ModeChooser chooser) {
        return run(source, pass, chooser, setup.scoreLearner().get());
    }

    /** As above, with the signal score learned by {@code scorer}, which also keeps what it learns. */
    public BacktestRun run(ReplaySource source, Pass pass, ModeChooser chooser, ScoreLearner scorer) {
        AssetClass assetClass = source.assetClass();
        if (assetClass == AssetClass.OPTIONS) return runOptions(source, pass);
        Books books = new Books(assetClass, pass);
        FundingClock funding = new FundingClock();
        int strategyTf = strategyTimeframe(source);
        SymbolTrader trader = new SymbolTrader(setup.strategy(), setup.terms(), chooser, scorer);
        String key = StrategyVerticle.key(assetClass, source.symbol());
        return replay(source, pass, books, strategyTf, tick -> onPrint(books.paper, books.ledger, funding, tick), (b, r) -> {
            SessionLabel session = setup.sessions().labelAt(b.closeTimeMs());
            Optional<String> block = assetClass == AssetClass.FOREX && setup.sessions().forexClosed(b.closeTimeMs())
                    ? Optional.of("forex market closed") : Optional.empty();
            Optional<TradeIntent> intent = trader.onBar(source.name(), b,
                    new SymbolTrader.Context(r.regime(), r.confidence(), r.warm(), session, pass.forcedMode(), block)).intent();
            if (intent.isEmpty()) return;
            RiskEngine.Decision decision = books.risk.decide(intent.get(), books.funds, books.ledger.snapshot());
            if (decision.order() == null) return;
            Object out = books.paper.fill(decision.order());
            if (!(out instanceof Fill fill)) return;
            Ledger.Booking booking = books.ledger.apply(fill);
            Order o = fill.order();
            trader.positionChanged(booking.position().map(p -> openTrade(p)), o.assetClass());
            // The deployed order: the position change, then the trade it closed.
            scorer.positionChanged(key, booking.position().isPresent());
            booking.closed().ifPresent(ct -> {
                chooser.learn(ct.assetClass(), ct.regime(), ct.session(), ct.mode(), ct.netReturnPct());
                scorer.closed(key, ct.netPnl().signum() > 0);
                books.booked(ct);
            });
            books.equityAt(fill.timeMs());
        });
    }

    /**
     * OPTIONS over a synthetic chain around the replayed underlying, through the deployed pipeline's
     * classes: the strategy's {@link OptionsTrader} (a {@link dev.meridian.options.PackageTrader}
     * priced at the underlying's {@link dev.meridian.options.UnderlyingVolatility}), the risk engine
     * (which skips the sizer for a package's ticket), the paper fills (at the ticket) and the ledger,
     * so a replay through the verticles books the same trades. The one difference: the backtest
     * knows the rails' halts and lets no package be chosen while halted, where the running strategy
     * chooses and risk refuses it (the trader then forgets the package). Every trade's symbol says
     * SYNTHETIC. The mode chooser does not pick among packages: OPTIONS is the only mode here.
     */
    private BacktestRun runOptions(ReplaySource source, Pass pass) {
        AssetClass assetClass = AssetClass.OPTIONS;
        Books books = new Books(assetClass, pass);
        int strategyTf = strategyTimeframe(source);
        OptionsTrader trader = new OptionsTrader(setup.options(), setup.optionsPolicy(), strategyTf, setup.terms(),
                optionsBudget(setup.sizer()));
        // The underlying's prints price nothing here: packages fill at their tickets and are marked by the trader.
        return replay(source, pass, books, strategyTf, tick -> { }, (b, r) -> {
            SessionLabel session = setup.sessions().labelAt(b.closeTimeMs());
            BigDecimal ledgerEquity = books.equity();
            Optional<String> block = Optional.empty();
            if (!b.warmup()) {
                books.rails.observe(assetClass, ledgerEquity, b.closeTimeMs());
                if (books.rails.halted(assetClass, b.closeTimeMs())) block = Optional.of("risk rails halted");
            }
            OptionsTrader.Result res = trader.onBar(source.name(), b, r.regime(), r.confidence(), r.warm(), session,
                    pass.forcedMode(), block, ledgerEquity);
            if (res.intent().isPresent()) {
                TradeIntent intent = res.intent().get();
                RiskEngine.Decision decision = books.risk.decide(intent, books.funds, books.ledger.snapshot());
                Object out = decision.order() == null ? decision.rejected() : books.paper.fill(decision.order());
                if (out instanceof Fill fill) {
                    books.ledger.apply(fill).closed().ifPresent(books::booked);
                } else if (intent.entry()) {
                    trader.refused(intent.symbol());
                }
            }
            // Marked after the booking; the bot's portfolio sees the mark before the fill (it
            // does not travel through risk and execution), which moves no trade figure.
            res.mark().ifPresent(m -> books.ledger.mark(m.symbol(), m.assetClass(), m.price()));
            if (res.intent().isPresent() || res.mark().isPresent()) books.equityAt(b.closeTimeMs());
        });
    }

    /** What one pass trades against (ledger, KPI evidence, rails, risk engine, paper venue, funds) and what it booked. */
    private final class Books {
        final AssetClass assetClass;
        final Ledger ledger = Ledger.fromAllocation(setup.allocationUsd());
        final KpiBook book = new KpiBook(setup.kpiWindowDays());
        final RiskRails rails = setup.rails().get();
        final RiskEngine risk = new RiskEngine(new Sizer(setup.sizer()), rails, setup.sessionSizing(),
                new KpiGates(book, setup.kpiThresholds()));
        final PaperFills paper = new PaperFills(new PaperVenue(setup.feeBps(), setup.feeBps(), setup.slippageBps()));
        final FundsState funds;
        final BigDecimal start;
        final List<ClosedTrade> trades = new ArrayList<>();
        final List<BacktestRun.EquityPoint> equity = new ArrayList<>();

        Books(AssetClass assetClass, Pass pass) {
            this.assetClass = assetClass;
            this.funds = new FundsState(false, false, Map.of(AssetClass.SPOT, true, AssetClass.PERP, true,
                    AssetClass.OPTIONS, true, AssetClass.FOREX, true), setup.pairCapFraction(), pass.forcedMode());
            this.start = equity();
        }

        BigDecimal equity() { return ledger.snapshot().ledger(assetClass).orElseThrow().equity(); }

        void equityAt(long timeMs) { equity.add(new BacktestRun.EquityPoint(timeMs, equity())); }

        /** A closed trade becomes a result (with its reward points) and KPI evidence. */
        void booked(ClosedTrade ct) {
            trades.add(rewarded(ct));
            book.add(ct.assetClass(), ct.mode(), new KpiSample(ct.entryTimeMs(), ct.exitTimeMs(), ct.netPnl(),
                    ct.sizeUsd(), ct.equityBefore(), KpiSample.Source.BACKTEST));
        }
    }

    /** A strategy-timeframe bar with the regime reading of its timeframe. */
    private interface StrategyBar {
        void on(Bar bar, RegimeDetector.Reading reading);
    }

    /** A bar source cannot make bars finer than its own: the strategy then decides on the source's bars. */
    private int strategyTimeframe(ReplaySource source) {
        return Math.max(setup.strategyTimeframeSec(), source.barTimeframeSec().orElse(setup.strategyTimeframeSec()));
    }

    /**
     * Reads {@code source} up to the pass's end, events before its start as warm-up: every print
     * (a bar's close standing in for a bar source's) to {@code onPrint}, every closed bar through its
     * timeframe's regime detector, and the strategy timeframe's bars to {@code onBar}.
     */
    private BacktestRun replay(ReplaySource source, Pass pass, Books books, int strategyTf, Consumer<Tick> onPrint, StrategyBar onBar) {
        BarAggregator bars = new BarAggregator(source.symbol(), books.assetClass, setup.timeframesSec());
        Map<Integer, RegimeDetector> regimes = new HashMap<>();
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        try (ReplayReader reader = source.open()) {
            while (reader.hasNext()) {
                MarketEvent e = reader.next();
                long t = e.eventTimeMs();
                if (t > pass.toMs()) break;
                boolean warmup = t < pass.tradeFromMs();
                if (!warmup && first == Long.MIN_VALUE) {
                    first = t;
                    books.equity.add(new BacktestRun.EquityPoint(t, books.start));
                }
                last = t;
                List<Bar> closed;
                if (e instanceof Tick tk) {
                    Tick tick = tk.asWarmup(warmup);
                    onPrint.accept(tick);
                    closed = bars.onTick(tick);
                } else {
                    Bar b = ((Bar) e).asWarmup(warmup);
                    onPrint.accept(b.closeAsTick());
                    closed = bars.onBar(b);
                }
                for (Bar b : closed) {
                    RegimeDetector d = regimes.computeIfAbsent(b.timeframeSec(),
                            tf -> new RegimeDetector(setup.regime().forTimeframe(tf, setup.regimeReferenceTimeframeSec())));
                    RegimeDetector.Reading r = d.update(b);
                    if (b.timeframeSec() == strategyTf) onBar.on(b, r);
                }
            }
        }
        return new BacktestRun(pass.label(), books.trades, books.equity, books.start,
                first == Long.MIN_VALUE ? 0 : first, last == Long.MIN_VALUE ? 0 : last);
    }

    /** The package budget from the sizer's phases (PackageTrader sizes packages, not the sizer). */
    public static OptionsTrader.Budget optionsBudget(Sizer.Params s) {
        return new OptionsTrader.Budget(s.equityThresholdUsd(), s.fixedTradeUsd(), s.maxRiskPct());
    }

    /** The first and last trade prices (and their times) of {@code [fromMs, toMs]}. */
    public record Prints(BigDecimal first, long firstMs, BigDecimal last, long lastMs) {
    }

    public Optional<Prints> prints(ReplaySource source, long fromMs, long toMs) {
        BigDecimal first = null;
        BigDecimal last = null;
        long firstMs = 0;
        long lastMs = 0;
        try (ReplayReader reader = source.open()) {
            while (reader.hasNext()) {
                MarketEvent e = reader.next();
                long t = e.eventTimeMs();
                if (t > toMs) break;
                if (t < fromMs) continue;
                BigDecimal p = e instanceof Tick tk ? tk.price() : ((Bar) e).close();
                if (first == null) {
                    first = p;
                    firstMs = t;
                }
                last = p;
                lastMs = t;
            }
        }
        return first == null ? Optional.empty() : Optional.of(new Prints(first, firstMs, last, lastMs));
    }

    private void onPrint(PaperFills paper, Ledger ledger, FundingClock funding, Tick tick) {
        paper.onTrade(tick);
        boolean settles = tick.assetClass() == AssetClass.PERP && funding.settles(tick.symbol(), tick.timeMs());
        if (tick.warmup()) return;
        ledger.mark(tick.symbol(), tick.assetClass(), tick.price());
        if (settles) ledger.fund(tick.symbol(), tick.assetClass(), setup.paperFundingRate8h(), tick.price(), tick.timeMs());
    }

    private static SymbolTrader.OpenTrade openTrade(Position p) {
        return new SymbolTrader.OpenTrade(p.mode(), p.side(), p.session(), p.entryRefPrice(), p.stopPrice(), p.entryTimeMs());
    }

    /** The reward the learner would book for the trade: points from its net return (RewardSystem). */
    private static ClosedTrade rewarded(ClosedTrade t) {
        return t.withRewardPoints(RewardSystem.points(t.netReturnPct()));
    }
}
