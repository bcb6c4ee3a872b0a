package dev.meridian.app;

import dev.meridian.backtest.Backtester;
import dev.meridian.config.Allocation;
import dev.meridian.config.BundledFiles;
import dev.meridian.config.LearningConfig;
import dev.meridian.config.LeverageTier;
import dev.meridian.config.MeridianConfig;
import dev.meridian.config.RegimePolicy;
import dev.meridian.config.SessionProfile;
import dev.meridian.config.SizingGlobal;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import dev.meridian.learning.ModeBandit;
import dev.meridian.learning.SignalScoreModel;
import dev.meridian.regime.RegimeDetector;
import dev.meridian.risk.RiskRails;
import dev.meridian.risk.Sizer;
import dev.meridian.session.SessionClock;
import dev.meridian.strategy.BanditChooser;
import dev.meridian.strategy.ModeChooser;
import dev.meridian.strategy.ScoreLearner;
import dev.meridian.strategy.StrategyParams;
import dev.meridian.strategy.SymbolTrader;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.meridian.options.PackageTrader;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the typed configuration onto the plain parameters of the modules, so that no module below
 * {@code app} depends on how the configuration is laid out. The skeleton strategy's EMA and ATR
 * periods reuse the regime policy's.
 */
final class Configs {
    /** Quantity precision of paper orders until instrument filters arrive (#3). */
    private static final int QTY_SCALE = 8;

    private Configs() {
    }

    /** The SIM sub-ledger allocations in USD: fixed amounts, or fractions of {@code sim_equity_usd}. */
    static Map<AssetClass, BigDecimal> allocationUsd(MeridianConfig c) {
        BigDecimal total = c.allocation() instanceof Allocation.FractionOfEquity f ? f.simEquityUsd() : BigDecimal.ZERO;
        Map<AssetClass, BigDecimal> out = new EnumMap<>(AssetClass.class);
        for (AssetClass a : AssetClass.values()) out.put(a, c.allocation().usd(a, total));
        return out;
    }

    static Sizer.Params sizer(MeridianConfig c) {
        SizingGlobal g = c.policies().sizing().global();
        List<Sizer.Tier> tiers = new ArrayList<>();
        for (LeverageTier t : c.policies().sizing().leverageTiers()) {
            Map<Mode, BigDecimal> byMode = new EnumMap<>(Mode.class);
            for (Mode m : Mode.values()) byMode.put(m, t.leverageFor(m));
            tiers.add(new Sizer.Tier(t.equityMaxUsd(), byMode));
        }
        Map<AssetClass, BigDecimal> caps = new EnumMap<>(AssetClass.class);
        c.policies().sizing().assetCaps().forEach((a, cap) -> caps.put(a, cap.maxLeverage()));
        return new Sizer.Params(g.equityThresholdUsd(), g.fixedTradeUsd(), g.maxRiskPct(), g.maxRiskPctGoodSetup(),
                g.atrMultSl(), g.minStopDistancePct(), g.feeBps(), g.slippageBps(), g.goodSetupScoreMin(),
                g.normalSetupCapPct(), g.pairAllocationCapPct(), tiers, caps, QTY_SCALE);
    }

    /**
     * A backtest's sub-ledgers: the configured allocation, except that the tested class gets the
     * whole configured total when it has none of its own (the shipped PERP and FOREX allocations
     * are 0, and a backtest on a class with no money would trade nothing).
     */
    static Map<AssetClass, BigDecimal> backtestAllocation(MeridianConfig c, AssetClass tested) {
        Map<AssetClass, BigDecimal> out = new EnumMap<>(allocationUsd(c));
        if (out.getOrDefault(tested, BigDecimal.ZERO).signum() == 0) {
            out.put(tested, out.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        return out;
    }

    /** The pipeline a backtest drives, with the fee and slippage of the run (the policy's unless overridden). */
    static Backtester.Setup backtestSetup(MeridianConfig c, BigDecimal feeBps, BigDecimal slippageBps) {
        return backtestSetup(c, feeBps, slippageBps, allocationUsd(c));
    }

    static Backtester.Setup backtestSetup(MeridianConfig c, BigDecimal feeBps, BigDecimal slippageBps,
                                          Map<AssetClass, BigDecimal> allocation) {
        Sizer.Params s = sizer(c);
        Sizer.Params costed = new Sizer.Params(s.equityThresholdUsd(), s.fixedTradeUsd(), s.maxRiskPct(), s.maxRiskPctGoodSetup(),
                s.atrMultSl(), s.minStopDistancePct(), feeBps, slippageBps, s.goodSetupScoreMin(), s.normalCapFraction(),
                s.pairCapFraction(), s.tiers(), s.assetLeverageCaps(), s.qtyScale());
        return new Backtester.Setup(strategyParams(c), strategyTimeframe(c), timeframes(c), regimeParams(c),
                c.policies().regime().referenceTimeframeSec(), sessionClock(c), sessionTerms(c), costed, () -> rails(c),
                (session, assetClass) -> c.policies().session().profile(session, assetClass).sizeMult(),
                c.policies()::kpiThresholds, c.policies().kpi().windowDays(), feeBps, slippageBps, allocation, pairCap(c),
                () -> modeChooser(c.strategy().learning(), c.strategy().learning().seed(), Optional.empty()),
                () -> scoreLearner(c.strategy().learning()), c.policies().risk().paperFundingRate8h(),
                c.policies().options(), PackageTrader.Params.defaults());
    }

    /** The bandit's tuning from {@code strategy.learning}. */
    static ModeBandit.Params banditParams(LearningConfig l) {
        return new ModeBandit.Params(l.decay(), l.priorStrength(), l.priorSdPoints());
    }

    /**
     * The AUTO selector {@code strategy.learning} asks for; a bandit starts from {@code restored}
     * when given (the learned state of an earlier run), else from its prior.
     */
    static ModeChooser modeChooser(LearningConfig l, long seed, Optional<ModeBandit.Snapshot> restored) {
        if (l.modeSelector() == LearningConfig.ModeSelectorKind.RULES) return ModeChooser.ruleTable();
        return new BanditChooser(restored.map(s -> ModeBandit.restore(banditParams(l), s, seed))
                .orElseGet(() -> new ModeBandit(banditParams(l), seed)));
    }

    /** A fresh signal-score learner with {@code strategy.learning.score_min_trades}. */
    static ScoreLearner scoreLearner(LearningConfig l) {
        SignalScoreModel.Params d = SignalScoreModel.Params.defaults();
        return ScoreLearner.learning(new SignalScoreModel.Params(d.learningRate(), d.l2(), l.scoreMinTrades()));
    }

    static RiskRails rails(MeridianConfig c) {
        Map<AssetClass, BigDecimal> maxDrawdown = new EnumMap<>(AssetClass.class);
        for (AssetClass a : AssetClass.values()) {
            maxDrawdown.put(a, c.policies().assetKpi().of(a).thresholds().maxDrawdown());
        }
        BigDecimal liqBuffer = c.policies().sizing().assetCaps().get(AssetClass.PERP).liqBufferPct()
                .orElseThrow(() -> new IllegalStateException("sizing_policy asset_caps.PERP.liq_buffer_pct is required"));
        return new RiskRails(maxDrawdown, c.policies().risk().dailyLossPct(), c.policies().risk().maintenanceMarginPct(),
                liqBuffer, c.policies().risk().maxOpenPositions());
    }

    static BigDecimal pairCap(MeridianConfig c) { return c.policies().sizing().global().pairAllocationCapPct(); }

    static BigDecimal feeBps(MeridianConfig c) { return c.policies().sizing().global().feeBps(); }

    static BigDecimal slippageBps(MeridianConfig c) { return c.policies().sizing().global().slippageBps(); }

    static RegimeDetector.Params regimeParams(MeridianConfig c) {
        RegimePolicy r = c.policies().regime();
        return new RegimeDetector.Params(r.emaFast(), r.emaSlow(), r.adxPeriod(), r.adxTrendMin(), r.adxRangeMax(),
                r.atrPeriod(), r.atrPctVolatile(), r.bbPeriod(), r.bbStddev(), r.bbWidthVolatilePct(), r.bbWidthLookback(),
                r.bbWidthVolatilePercentile(), r.erPeriod(), r.erTrendMin(), r.hysteresisBars(), r.minConfidence());
    }

    static StrategyParams strategyParams(MeridianConfig c) {
        RegimePolicy r = c.policies().regime();
        SizingGlobal g = c.policies().sizing().global();
        return StrategyParams.defaults(r.emaFast(), r.emaSlow(), r.atrPeriod(), r.bbPeriod(), r.bbStddev(),
                g.atrMultSl().doubleValue(), g.minStopDistancePct().doubleValue());
    }

    static SessionClock sessionClock(MeridianConfig c) {
        List<SessionClock.Window> windows = new ArrayList<>();
        for (SessionProfile p : c.policies().session().sessions().values()) {
            windows.add(new SessionClock.Window(p.startMinute(), p.endMinute(), p.label()));
        }
        var closed = c.policies().session().forexClosed();
        return new SessionClock(windows, new SessionClock.WeeklyWindow(closed.fromMinute(), closed.toMinute()));
    }

    /**
     * What a session allows an asset class: the session's modes that the class trades at all
     * ({@code asset_kpi_policy.json}'s modes), and the session's stop and take-profit multipliers
     * with the class's factors applied.
     */
    static SymbolTrader.SessionTerms sessionTerms(MeridianConfig c) {
        Map<SessionLabel, Map<AssetClass, SymbolTrader.Terms>> table = new EnumMap<>(SessionLabel.class);
        for (SessionLabel l : SessionLabel.values()) {
            Map<AssetClass, SymbolTrader.Terms> byClass = new EnumMap<>(AssetClass.class);
            for (AssetClass a : AssetClass.values()) {
                SessionProfile p = c.policies().session().profile(l, a);
                Set<Mode> modes = EnumSet.noneOf(Mode.class);
                modes.addAll(p.allowedModes());
                modes.retainAll(c.policies().assetKpi().of(a).modes());
                byClass.put(a, new SymbolTrader.Terms(Set.copyOf(modes), p.slMult().doubleValue(), p.tpMult().doubleValue()));
            }
            table.put(l, byClass);
        }
        return (session, assetClass) -> table.get(session).get(assetClass);
    }

    static int strategyTimeframe(MeridianConfig c) { return c.strategy().timeframeSec(); }

    static List<Integer> timeframes(MeridianConfig c) { return c.market().timeframesSec(); }

    static double defaultSpeed(MeridianConfig c) { return Cli.speed(c.market().defaultSpeed()); }

    static Path webroot(Path workDir) { return BundledFiles.resolveDir(workDir, "webroot").dir(); }

}
