package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the six policy documents. Each method reads every field of its file (so all problems are
 * reported), then builds records only from sections that read cleanly; it returns null when the
 * file had a problem.
 */
final class PolicyParser {
    private final Problems problems;

    PolicyParser(Problems problems) { this.problems = problems; }

    SizingPolicy sizing(String file, JsonObject json) {
        int before = problems.count();
        JsonSection root = JsonSection.root(file, json, problems);

        JsonSection g = root.object("global");
        SizingGlobal global = null;
        if (g != null) {
            int b = problems.count();
            BigDecimal threshold = g.decimal("equity_threshold_usd", SizingGlobal.USD);
            BigDecimal fixed = g.decimal("fixed_trade_usd", SizingGlobal.USD);
            BigDecimal risk = g.decimal("max_risk_pct", SizingGlobal.RISK_PCT);
            BigDecimal riskGood = g.decimal("max_risk_pct_good_setup", SizingGlobal.RISK_PCT);
            BigDecimal atrMult = g.decimal("atr_mult_sl", SizingGlobal.ATR_MULT);
            BigDecimal minStop = g.decimal("min_stop_distance_pct", SizingGlobal.STOP_PCT);
            BigDecimal slippage = g.decimal("slippage_bps", SizingGlobal.BPS);
            BigDecimal fee = g.decimal("fee_bps", SizingGlobal.BPS);
            Double goodScore = g.real("good_setup_score_min", SizingGlobal.SCORE);
            BigDecimal pairCap = g.decimal("pair_allocation_cap_pct", SizingGlobal.PAIR_CAP);
            BigDecimal normalCap = g.decimalOr("normal_setup_cap_pct", SizingGlobal.PAIR_CAP,
                    SizingGlobal.NORMAL_SETUP_CAP_DEFAULT);
            EquitySource source = g.enumValue("equity_source", EquitySource.class);
            g.warnUnknownKeys();
            if (problems.count() == b) {
                global = g.build(() -> new SizingGlobal(threshold, fixed, risk, riskGood, atrMult, minStop,
                        slippage, fee, goodScore, pairCap, normalCap, source));
            }
        }

        List<LeverageTier> tiers = new ArrayList<>();
        List<JsonSection> tierSections = root.objects("leverage_tiers");
        if (tierSections != null) {
            for (JsonSection t : tierSections) {
                int b = problems.count();
                BigDecimal equityMax = t.decimal("equity_max", LeverageTier.EQUITY_MAX);
                Map<Mode, BigDecimal> leverage = new EnumMap<>(Mode.class);
                for (Mode m : Mode.values()) {
                    // OPTIONS may be left out: the spec's tiers lever no options (see LeverageTier).
                    if (m != Mode.OPTIONS || t.has(m.name())) {
                        BigDecimal v = t.decimal(m.name(), LeverageTier.LEVERAGE);
                        if (v != null) leverage.put(m, v);
                    }
                }
                t.warnUnknownKeys();
                if (problems.count() == b) tiers.add(t.build(() -> new LeverageTier(equityMax, leverage)));
            }
        }

        Map<AssetClass, AssetCap> caps = new EnumMap<>(AssetClass.class);
        JsonSection capsSection = root.object("asset_caps");
        if (capsSection != null) {
            capsSection.byEnumKey(AssetClass.class, EnumSet.allOf(AssetClass.class)).forEach((c, s) -> {
                int b = problems.count();
                BigDecimal maxLeverage = s.decimal("max_leverage", LeverageTier.LEVERAGE);
                BigDecimal liqBuffer = s.has("liq_buffer_pct") || c == AssetClass.PERP
                        ? s.decimal("liq_buffer_pct", AssetCap.LIQ_BUFFER) : null;
                s.warnUnknownKeys();
                if (problems.count() == b) caps.put(c, s.build(() -> new AssetCap(maxLeverage, Optional.ofNullable(liqBuffer))));
            });
            capsSection.warnUnknownKeys();
        }
        root.warnUnknownKeys();
        if (problems.count() != before) return null;
        SizingGlobal sizingGlobal = global;
        return root.build(() -> new SizingPolicy(sizingGlobal, tiers, caps));
    }

    KpiPolicy kpi(String file, JsonObject json) {
        int before = problems.count();
        JsonSection root = JsonSection.root(file, json, problems);
        Integer windowDays = root.integer("window_days", KpiPolicy.WINDOW_DAYS);
        Map<Mode, KpiThresholds> byMode = new EnumMap<>(Mode.class);
        JsonSection modes = root.object("modes");
        if (modes != null) {
            modes.byEnumKey(Mode.class, EnumSet.allOf(Mode.class)).forEach((m, s) -> {
                KpiThresholds t = thresholds(s);
                s.warnUnknownKeys();
                if (t != null) byMode.put(m, t);
            });
            modes.warnUnknownKeys();
        }
        root.warnUnknownKeys();
        return problems.count() == before ? root.build(() -> new KpiPolicy(byMode, windowDays)) : null;
    }

    AssetKpiPolicy assetKpi(String file, JsonObject json) {
        int before = problems.count();
        JsonSection root = JsonSection.root(file, json, problems);
        Map<AssetClass, AssetKpi> byClass = new EnumMap<>(AssetClass.class);
        JsonSection classes = root.object("asset_classes");
        if (classes != null) {
            classes.byEnumKey(AssetClass.class, EnumSet.allOf(AssetClass.class)).forEach((c, s) -> {
                int b = problems.count();
                Set<Mode> modes = s.enumSet("modes", Mode.class, false);
                KpiThresholds t = thresholds(s);
                s.warnUnknownKeys();
                if (problems.count() == b) byClass.put(c, s.build(() -> new AssetKpi(modes, t)));
            });
            classes.warnUnknownKeys();
        }
        root.warnUnknownKeys();
        return problems.count() == before ? root.build(() -> new AssetKpiPolicy(byClass)) : null;
    }

    private KpiThresholds thresholds(JsonSection s) {
        int b = problems.count();
        Integer minTrades = s.integer("min_trades", KpiThresholds.MIN_TRADES);
        BigDecimal minExpectancy = s.decimal("min_expectancy", KpiThresholds.MIN_EXPECTANCY);
        Double sharpe = s.real("min_sharpe", KpiThresholds.RATIO);
        Double sortino = s.real("min_sortino", KpiThresholds.RATIO);
        Double calmar = s.real("min_calmar", KpiThresholds.RATIO);
        BigDecimal maxDrawdown = s.decimal("max_drawdown", KpiThresholds.MAX_DRAWDOWN);
        if (problems.count() != b) return null;
        return s.build(() -> new KpiThresholds(minTrades, minExpectancy, sharpe, sortino, calmar, maxDrawdown));
    }

    SessionPolicy session(String file, JsonObject json) {
        int before = problems.count();
        JsonSection root = JsonSection.root(file, json, problems);

        Map<SessionLabel, SessionProfile> sessions = new EnumMap<>(SessionLabel.class);
        JsonSection sessionsSection = root.object("sessions");
        if (sessionsSection != null) {
            sessionsSection.byEnumKey(SessionLabel.class, EnumSet.allOf(SessionLabel.class)).forEach((label, s) -> {
                int b = problems.count();
                Integer start = s.parsed("start", t -> Values.minuteOfDay(t, false));
                Integer end = s.parsed("end", t -> Values.minuteOfDay(t, true));
                Set<Mode> modes = s.enumSet("allowed_modes", Mode.class, true);
                BigDecimal size = s.decimal("size_mult", SessionProfile.MULT);
                BigDecimal tp = s.decimal("tp_mult", SessionProfile.MULT);
                BigDecimal sl = s.decimal("sl_mult", SessionProfile.MULT);
                s.warnUnknownKeys();
                if (problems.count() == b) {
                    sessions.put(label, s.build(() -> new SessionProfile(label, start, end, modes, size, tp, sl)));
                }
            });
            sessionsSection.warnUnknownKeys();
        }

        Map<AssetClass, Map<SessionLabel, SessionFactors>> factors = new EnumMap<>(AssetClass.class);
        if (root.has("asset_factors")) {
            JsonSection factorsSection = root.object("asset_factors");
            if (factorsSection != null) {
                factorsSection.byEnumKey(AssetClass.class, Set.of()).forEach((c, perClass) -> {
                    Map<SessionLabel, SessionFactors> bySession = new EnumMap<>(SessionLabel.class);
                    perClass.byEnumKey(SessionLabel.class, Set.of()).forEach((label, s) -> {
                        int b = problems.count();
                        BigDecimal size = s.decimalOr("size_mult", SessionProfile.MULT, BigDecimal.ONE);
                        BigDecimal tp = s.decimalOr("tp_mult", SessionProfile.MULT, BigDecimal.ONE);
                        BigDecimal sl = s.decimalOr("sl_mult", SessionProfile.MULT, BigDecimal.ONE);
                        s.warnUnknownKeys();
                        if (problems.count() == b) bySession.put(label, s.build(() -> new SessionFactors(size, tp, sl)));
                    });
                    perClass.warnUnknownKeys();
                    factors.put(c, bySession);
                });
                factorsSection.warnUnknownKeys();
            }
        }

        WeeklyWindow forexClosed = null;
        JsonSection closed = root.object("forex_closed");
        if (closed != null) {
            int b = problems.count();
            Integer from = closed.parsed("from", Values::minuteOfWeek);
            Integer to = closed.parsed("to", Values::minuteOfWeek);
            closed.warnUnknownKeys();
            if (problems.count() == b) forexClosed = closed.build(() -> new WeeklyWindow(from, to));
        }
        root.warnUnknownKeys();
        if (problems.count() != before) return null;
        WeeklyWindow window = forexClosed;
        return root.build(() -> new SessionPolicy(sessions, factors, window));
    }

    RiskPolicy risk(String file, JsonObject json) {
        int before = problems.count();
        JsonSection s = JsonSection.root(file, json, problems);
        BigDecimal maxDrawdown = s.decimal("max_drawdown_pct", RiskPolicy.LOSS_PCT);
        BigDecimal dailyLoss = s.decimal("daily_loss_pct", RiskPolicy.LOSS_PCT);
        Integer maxOpen = s.integer("max_open_positions", RiskPolicy.POSITIONS);
        Integer perSymbol = s.integer("max_positions_per_symbol", RiskPolicy.POSITIONS);
        BigDecimal maintenance = s.decimal("maintenance_margin_pct", RiskPolicy.MAINTENANCE_MARGIN);
        Integer stale = s.integer("stale_data_sec", RiskPolicy.STALE_SEC);
        BigDecimal funding = s.decimalOr("paper_funding_rate_8h", RiskPolicy.FUNDING_RATE, RiskPolicy.DEFAULT_FUNDING_RATE_8H);
        s.warnUnknownKeys();
        if (problems.count() != before) return null;
        return s.build(() -> new RiskPolicy(maxDrawdown, dailyLoss, maxOpen, perSymbol, maintenance, stale, funding));
    }

    OptionsPolicy options(String file, JsonObject json) {
        int before = problems.count();
        JsonSection s = JsonSection.root(file, json, problems);
        Range edge = Range.closed("-1", "1");
        BigDecimal minCreditEdge = s.decimal("min_credit_iv_edge", edge);
        BigDecimal maxDebitEdge = s.decimal("max_debit_iv_edge", edge);
        BigDecimal deltaLeverage = s.decimal("max_package_delta_leverage", Range.openClosed("0", "1000"));
        BigDecimal ledgerDelta = s.decimal("max_ledger_delta_fraction", Range.openClosed("0", "10"));
        Boolean positiveTheta = s.bool("credit_needs_positive_theta");
        BigDecimal bleed = s.decimal("max_debit_theta_bleed_fraction", Range.openClosed("0", "1"));
        s.warnUnknownKeys();
        if (problems.count() != before) return null;
        return s.build(() -> new OptionsPolicy(minCreditEdge, maxDebitEdge, deltaLeverage, ledgerDelta, positiveTheta, bleed));
    }

    RegimePolicy regime(String file, JsonObject json) {
        int before = problems.count();
        JsonSection s = JsonSection.root(file, json, problems);
        Integer emaFast = s.integer("ema_fast", RegimePolicy.PERIOD);
        Integer emaSlow = s.integer("ema_slow", RegimePolicy.PERIOD);
        Integer adxPeriod = s.integer("adx_period", RegimePolicy.PERIOD);
        Double adxTrendMin = s.real("adx_trend_min", RegimePolicy.ADX);
        Double adxRangeMax = s.real("adx_range_max", RegimePolicy.ADX);
        Integer atrPeriod = s.integer("atr_period", RegimePolicy.PERIOD);
        Double atrPct = s.real("atr_pct_volatile", RegimePolicy.ATR_PCT);
        Integer bbPeriod = s.integer("bb_period", RegimePolicy.PERIOD);
        Double bbStddev = s.real("bb_stddev", RegimePolicy.BB_STDDEV);
        Double bbWidth = s.real("bb_width_volatile_pct", RegimePolicy.BB_WIDTH);
        Integer bbLookback = s.integer("bb_width_lookback", RegimePolicy.LOOKBACK);
        Double bbPercentile = s.real("bb_width_volatile_percentile", RegimePolicy.FRACTION);
        Integer erPeriod = s.integer("er_period", RegimePolicy.PERIOD);
        Double erTrendMin = s.real("er_trend_min", RegimePolicy.FRACTION);
        Integer hysteresis = s.integer("hysteresis_bars", RegimePolicy.HYSTERESIS);
        Double minConfidence = s.real("min_confidence", RegimePolicy.CONFIDENCE);
        Integer volatilityTf = s.integer("reference_timeframe_sec", RegimePolicy.REFERENCE_TIMEFRAME);
        s.warnUnknownKeys();
        if (problems.count() != before) return null;
        return s.build(() -> new RegimePolicy(emaFast, emaSlow, adxPeriod, adxTrendMin, adxRangeMax, atrPeriod,
                atrPct, bbPeriod, bbStddev, bbWidth, bbLookback, bbPercentile, erPeriod, erTrendMin, hysteresis, minConfidence,
                volatilityTf));
    }
}
