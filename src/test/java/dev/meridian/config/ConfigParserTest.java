package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.meridian.config.Shipped.REMOVE;
import static dev.meridian.config.Shipped.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigParserTest {

    private static ConfigResult shipped(Map<String, String> env) {
        return Shipped.parse(Shipped.conf(), Shipped.policies(), env);
    }

    @Test
    void shippedFilesParseWithoutProblemsOrWarnings() {
        ConfigResult r = shipped(Map.of());
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        MeridianConfig c = r.orElseThrow();
        assertThat(c.http()).isEqualTo(new HttpConfig("127.0.0.1", 8080));
        assertThat(c.stateDir()).isEqualTo(Shipped.WORK_DIR.resolve("state"));
        assertThat(c.telemetryDir()).isEqualTo(Shipped.WORK_DIR.resolve("telemetry"));
        assertThat(c.pgUrl()).isEmpty();
        assertThat(c.dashboardToken()).isEmpty();
        assertThat(c.bybit().restUrl()).isEqualTo(URI.create("https://api.bybit.com"));
        assertThat(c.bybit().wsUrl()).isEqualTo(URI.create("wss://stream.bybit.com"));
        assertThat(c.bybit().wsPrivateUrl()).isEqualTo(URI.create("wss://stream.bybit.com/v5/private"));
        assertThat(c.bybit().credentials()).isEmpty();
        assertThat(c.oanda().url()).isEqualTo(URI.create("https://api-fxpractice.oanda.com"));
        assertThat(c.oanda().streamUrl()).isEqualTo(URI.create("https://stream-fxpractice.oanda.com"));
        assertThat(c.telegram().apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(c.telegram().bot()).isEmpty();
        assertThat(c.market().timeframesSec()).containsExactly(60, 300, 900, 3600);
        assertThat(c.market().defaultReplay()).isEqualTo("btc-trades-2013");
        assertThat(c.market().defaultSpeed()).isEqualTo("60");
        assertThat(c.market().live().universe()).containsEntry(dev.meridian.core.Category.SPOT, List.of("BTCUSDT", "ETHUSDT"))
                .containsEntry(dev.meridian.core.Category.LINEAR, List.of("BTCUSDT"));
        assertThat(c.market().live().topPairs().quoteCoin()).isEqualTo("USDT");
        assertThat(c.strategy().timeframeSec()).isEqualTo(60);
        assertThat(c.strategy().learning()).isEqualTo(LearningConfig.DEFAULTS);
        assertThat(c.allocation()).isInstanceOf(Allocation.FixedUsd.class);
        assertThat(c.allocation().usd(AssetClass.SPOT, BigDecimal.ZERO)).isEqualByComparingTo("14000");
        assertThat(c.allocation().usd(AssetClass.OPTIONS, BigDecimal.ZERO)).isEqualByComparingTo("1000");
        assertThat(c.allocation().isFunded(AssetClass.PERP)).isFalse();
        assertThat(c.allocation().isFunded(AssetClass.FOREX)).isFalse();
    }

    @Test
    void shippedSizingPolicyHasTheSpecValues() {
        SizingPolicy s = shipped(Map.of()).orElseThrow().policies().sizing();
        SizingGlobal g = s.global();
        assertThat(g.equityThresholdUsd()).isEqualByComparingTo("20000");
        assertThat(g.fixedTradeUsd()).isEqualByComparingTo("10");
        assertThat(g.maxRiskPct()).isEqualByComparingTo("0.005");
        assertThat(g.maxRiskPctGoodSetup()).isEqualByComparingTo("0.0075");
        assertThat(g.atrMultSl()).isEqualByComparingTo("1.2");
        assertThat(g.minStopDistancePct()).isEqualByComparingTo("0.0015");
        assertThat(g.slippageBps()).isEqualByComparingTo("2");
        assertThat(g.feeBps()).isEqualByComparingTo("10");
        assertThat(g.goodSetupScoreMin()).isEqualTo(0.80);
        assertThat(g.pairAllocationCapPct()).isEqualByComparingTo("0.10");
        assertThat(g.normalSetupCapPct()).isEqualByComparingTo("0.05");
        assertThat(g.equitySource()).isEqualTo(EquitySource.LIVE_OR_SIM);
        assertThat(s.leverageTiers()).extracting(LeverageTier::equityMaxUsd)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10000"), new BigDecimal("25000"), new BigDecimal("50000"), new BigDecimal("999999"));
        assertThat(s.leverageTiers().get(1).leverageFor(Mode.SCALP)).isEqualByComparingTo("2.0");
        assertThat(s.leverageTiers().get(1).leverageFor(Mode.INTRADAY_TREND)).isEqualByComparingTo("1.5");
        assertThat(s.leverageTiers().get(3).leverageFor(Mode.MEAN_REVERSION)).isEqualByComparingTo("2.0");
        assertThat(s.assetCaps().get(AssetClass.PERP).maxLeverage()).isEqualByComparingTo("3.0");
        assertThat(s.assetCaps().get(AssetClass.PERP).liqBufferPct()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.20"));
        assertThat(s.assetCaps().get(AssetClass.FOREX).maxLeverage()).isEqualByComparingTo("5.0");
        assertThat(s.assetCaps().get(AssetClass.SPOT).liqBufferPct()).isEmpty();
    }

    @Test
    void shippedAssetKpiPolicyHasTheSpecTable() {
        AssetKpiPolicy p = shipped(Map.of()).orElseThrow().policies().assetKpi();
        assertThat(p.of(AssetClass.SPOT).modes()).containsExactly(Mode.SCALP, Mode.INTRADAY_TREND, Mode.SWING, Mode.MEAN_REVERSION);
        assertThat(p.of(AssetClass.PERP).modes()).containsExactly(Mode.SCALP, Mode.INTRADAY_TREND, Mode.SWING);
        assertThat(p.of(AssetClass.OPTIONS).modes()).containsExactly(Mode.OPTIONS);
        assertThat(p.of(AssetClass.FOREX).modes()).containsExactly(Mode.SCALP, Mode.INTRADAY_TREND, Mode.MEAN_REVERSION);
        assertThresholds(p.of(AssetClass.SPOT).thresholds(), 2.0, 3.0, 1.2, "0.15");
        assertThresholds(p.of(AssetClass.PERP).thresholds(), 1.8, 2.5, 1.2, "0.15");
        assertThresholds(p.of(AssetClass.OPTIONS).thresholds(), 1.5, 2.0, 1.2, "0.12");
        assertThresholds(p.of(AssetClass.FOREX).thresholds(), 2.0, 3.0, 1.5, "0.12");
    }

    @Test
    void shippedKpiPolicyJudgesOnANinetyDayWindow() {
        assertThat(shipped(Map.of()).orElseThrow().policies().kpi().windowDays()).isEqualTo(90);
    }

    private static void assertThresholds(KpiThresholds t, double sharpe, double sortino, double calmar, String maxDd) {
        assertThat(t.minSharpe()).isEqualTo(sharpe);
        assertThat(t.minSortino()).isEqualTo(sortino);
        assertThat(t.minCalmar()).isEqualTo(calmar);
        assertThat(t.maxDrawdown()).isEqualByComparingTo(maxDd);
        assertThat(t.minExpectancy()).isEqualByComparingTo("0");
    }

    @Test
    void shippedSessionsFollowTheDesignWindows() {
        SessionPolicy s = shipped(Map.of()).orElseThrow().policies().session();
        assertThat(s.sessions().get(SessionLabel.ASIA).window()).isEqualTo("00:00–07:00");
        assertThat(s.sessions().get(SessionLabel.ASIA_EU).window()).isEqualTo("07:00–08:00");
        assertThat(s.sessions().get(SessionLabel.EU).window()).isEqualTo("08:00–13:00");
        assertThat(s.sessions().get(SessionLabel.EU_US).window()).isEqualTo("13:00–16:00");
        assertThat(s.sessions().get(SessionLabel.US).window()).isEqualTo("16:00–20:00");
        assertThat(s.sessions().get(SessionLabel.OFF_HOURS).window()).isEqualTo("20:00–24:00");
        assertThat(s.sessions().get(SessionLabel.ASIA).sizeMult()).isLessThan(BigDecimal.ONE);
        assertThat(s.sessions().get(SessionLabel.ASIA_EU).sizeMult()).isGreaterThan(BigDecimal.ONE);
        assertThat(s.sessions().get(SessionLabel.EU_US).sizeMult()).isGreaterThan(BigDecimal.ONE);
        assertThat(s.sessions().get(SessionLabel.EU).sizeMult()).isEqualByComparingTo("1");
        assertThat(s.sessions().get(SessionLabel.US).sizeMult()).isGreaterThanOrEqualTo(BigDecimal.ONE);
        assertThat(s.sessions().get(SessionLabel.US).slMult()).isLessThan(BigDecimal.ONE);
        assertThat(s.forexClosed()).isEqualTo(new WeeklyWindow(4 * 1440 + 22 * 60, 6 * 1440 + 22 * 60));
    }

    @Test
    void shippedRiskAndRegimePolicies() {
        Policies p = shipped(Map.of()).orElseThrow().policies();
        assertThat(p.risk()).isEqualTo(new RiskPolicy(new BigDecimal("0.15"), new BigDecimal("0.03"), 5, 1,
                new BigDecimal("0.005"), 30, new BigDecimal("0.0001")));
        assertThat(p.regime()).isEqualTo(new RegimePolicy(20, 50, 14, 25, 20, 14, 0.01, 20, 2.0, 0.02, 200, 0.9, 20, 0.3, 6, 0.65, 300));
    }

    /** Documents built by Vert.x's own parser hold doubles, not BigDecimals; the values must come out the same. */
    @Test
    void acceptsDocumentsParsedByVertx() {
        Map<String, JsonObject> policies = Shipped.policies();
        policies.replaceAll((name, doc) -> new JsonObject(doc.encode()));
        MeridianConfig c = Shipped.parse(new JsonObject(Shipped.conf().encode()), policies, Map.of()).orElseThrow();
        assertThat(c).isEqualTo(shipped(Map.of()).orElseThrow());
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                // wrong type
                Arguments.of("sizing_policy.json", "global.max_risk_pct", "abc",
                        "policies/sizing_policy.json: global.max_risk_pct must be a number in (0, 0.1], got \"abc\""),
                Arguments.of("sizing_policy.json", "global", new JsonArray(),
                        "policies/sizing_policy.json: global must be an object, got a list"),
                Arguments.of("risk_policy.json", "max_open_positions", 2.5,
                        "policies/risk_policy.json: max_open_positions must be an integer in 1..1000, got 2.5"),
                Arguments.of("kpi_policy.json", "modes.SCALP.min_sharpe", null,
                        "policies/kpi_policy.json: modes.SCALP.min_sharpe must be a number in [0, 100], got null"),
                Arguments.of("kpi_policy.json", "window_days", "ninety",
                        "policies/kpi_policy.json: window_days must be an integer in 1..3650, got \"ninety\""),
                Arguments.of("kpi_policy.json", "window_days", 30.5,
                        "policies/kpi_policy.json: window_days must be an integer in 1..3650, got 30.5"),
                Arguments.of("sizing_policy.json", "global.equity_source", "LIVE",
                        "policies/sizing_policy.json: global.equity_source must be one of LIVE_OR_SIM, got \"LIVE\""),
                Arguments.of("asset_kpi_policy.json", "asset_classes.PERP.modes", new JsonArray().add("SCALP").add("TREND"),
                        "policies/asset_kpi_policy.json: asset_classes.PERP.modes[1] must be one of SCALP, INTRADAY_TREND, SWING, MEAN_REVERSION, OPTIONS, got \"TREND\""),
                Arguments.of("asset_kpi_policy.json", "asset_classes.PERP.modes", new JsonArray(),
                        "policies/asset_kpi_policy.json: asset_classes.PERP.modes must be a non-empty list of names from SCALP, INTRADAY_TREND, SWING, MEAN_REVERSION, OPTIONS, got a list"),
                Arguments.of("asset_kpi_policy.json", "asset_classes.SPOT.modes", new JsonArray().add("SWING").add("SWING"),
                        "policies/asset_kpi_policy.json: asset_classes.SPOT.modes[1] repeats SWING"),
                Arguments.of("session_policy.json", "sessions.EU.start", "8:00",
                        "policies/session_policy.json: sessions.EU.start must be a time \"HH:MM\" in 00:00..23:59, got \"8:00\""),
                Arguments.of("session_policy.json", "forex_closed.to", "SUNDAY 22:00",
                        "policies/session_policy.json: forex_closed.to must be a weekly time \"DDD HH:MM\" (DDD one of MON..SUN), got \"SUNDAY 22:00\""),
                // out of range
                Arguments.of("sizing_policy.json", "global.max_risk_pct", 0.5,
                        "policies/sizing_policy.json: global.max_risk_pct must be a number in (0, 0.1], got 0.5"),
                Arguments.of("sizing_policy.json", "global.fixed_trade_usd", 0,
                        "policies/sizing_policy.json: global.fixed_trade_usd must be a number > 0, got 0"),
                Arguments.of("sizing_policy.json", "global.normal_setup_cap_pct", 0,
                        "policies/sizing_policy.json: global.normal_setup_cap_pct must be a number in (0, 1], got 0"),
                Arguments.of("sizing_policy.json", "leverage_tiers.2.SCALP", 0.5,
                        "policies/sizing_policy.json: leverage_tiers[2].SCALP must be a number in [1, 100], got 0.5"),
                Arguments.of("session_policy.json", "sessions.US.sl_mult", 0,
                        "policies/session_policy.json: sessions.US.sl_mult must be a number in (0, 5], got 0"),
                Arguments.of("kpi_policy.json", "window_days", 0,
                        "policies/kpi_policy.json: window_days must be an integer in 1..3650, got 0"),
                Arguments.of("kpi_policy.json", "window_days", 3651,
                        "policies/kpi_policy.json: window_days must be an integer in 1..3650, got 3651"),
                Arguments.of("regime_policy.json", "min_confidence", 1.5,
                        "policies/regime_policy.json: min_confidence must be a number in [0, 1], got 1.5"),
                Arguments.of("regime_policy.json", "er_period", 1,
                        "policies/regime_policy.json: er_period must be an integer in 2..1000, got 1"),
                Arguments.of("regime_policy.json", "er_period", 20.5,
                        "policies/regime_policy.json: er_period must be an integer in 2..1000, got 20.5"),
                Arguments.of("regime_policy.json", "er_trend_min", "high",
                        "policies/regime_policy.json: er_trend_min must be a number in [0, 1], got \"high\""),
                Arguments.of("regime_policy.json", "er_trend_min", 1.2,
                        "policies/regime_policy.json: er_trend_min must be a number in [0, 1], got 1.2"),
                Arguments.of("regime_policy.json", "bb_width_lookback", 5,
                        "policies/regime_policy.json: bb_width_lookback must be an integer in 10..10000, got 5"),
                Arguments.of("regime_policy.json", "bb_width_volatile_percentile", -0.1,
                        "policies/regime_policy.json: bb_width_volatile_percentile must be a number in [0, 1], got -0.1"),
                // missing
                Arguments.of("sizing_policy.json", "global.fee_bps", REMOVE,
                        "policies/sizing_policy.json: global.fee_bps is missing"),
                Arguments.of("sizing_policy.json", "asset_caps.PERP.liq_buffer_pct", REMOVE,
                        "policies/sizing_policy.json: asset_caps.PERP.liq_buffer_pct is missing"),
                Arguments.of("sizing_policy.json", "leverage_tiers.0.SWING", REMOVE,
                        "policies/sizing_policy.json: leverage_tiers[0].SWING is missing"),
                Arguments.of("kpi_policy.json", "window_days", REMOVE,
                        "policies/kpi_policy.json: window_days is missing"),
                Arguments.of("kpi_policy.json", "modes.SWING", REMOVE,
                        "policies/kpi_policy.json: modes.SWING is missing"),
                Arguments.of("regime_policy.json", "bb_width_lookback", REMOVE,
                        "policies/regime_policy.json: bb_width_lookback is missing"),
                Arguments.of("session_policy.json", "sessions.OFF_HOURS", REMOVE,
                        "policies/session_policy.json: sessions.OFF_HOURS is missing"),
                Arguments.of("session_policy.json", "forex_closed", REMOVE,
                        "policies/session_policy.json: forex_closed is missing"),
                // rules across fields
                Arguments.of("sizing_policy.json", "global.max_risk_pct_good_setup", 0.004,
                        "policies/sizing_policy.json: global.max_risk_pct_good_setup must be >= max_risk_pct (0.005), got 0.004"),
                Arguments.of("sizing_policy.json", "global.normal_setup_cap_pct", 0.11,
                        "policies/sizing_policy.json: global.normal_setup_cap_pct must be <= pair_allocation_cap_pct (0.1), got 0.11"),
                Arguments.of("sizing_policy.json", "leverage_tiers.2.equity_max", 20000,
                        "policies/sizing_policy.json: leverage_tiers[2].equity_max must be greater than leverage_tiers[1].equity_max (25000), got 20000"),
                Arguments.of("risk_policy.json", "daily_loss_pct", 0.2,
                        "policies/risk_policy.json: daily_loss_pct must be <= max_drawdown_pct (0.15), got 0.2"),
                Arguments.of("risk_policy.json", "max_positions_per_symbol", 6,
                        "policies/risk_policy.json: max_positions_per_symbol must be <= max_open_positions (5), got 6"),
                Arguments.of("regime_policy.json", "ema_fast", 50,
                        "policies/regime_policy.json: ema_fast must be < ema_slow (50), got 50"),
                Arguments.of("session_policy.json", "sessions.US.end", "16:00",
                        "policies/session_policy.json: sessions.US.start must be before end within 00:00..24:00, got 16:00..16:00"),
                Arguments.of("session_policy.json", "forex_closed.to", "FRI 22:00",
                        "policies/session_policy.json: forex_closed.from and to must differ, got FRI 22:00 twice"),
                Arguments.of("options_policy.json", "max_ledger_delta_fraction", 0,
                        "policies/options_policy.json: max_ledger_delta_fraction must be a number in (0, 10], got 0"),
                Arguments.of("options_policy.json", "credit_needs_positive_theta", "yes",
                        "policies/options_policy.json: credit_needs_positive_theta must be true or false, got \"yes\""),
                Arguments.of("options_policy.json", "min_credit_iv_edge", REMOVE,
                        "policies/options_policy.json: min_credit_iv_edge is missing"),
                Arguments.of("risk_policy.json", "paper_funding_rate_8h", 0.02,
                        "policies/risk_policy.json: paper_funding_rate_8h must be a number in [-0.01, 0.01], got 0.02"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("badFields")
    void aBadPolicyFieldIsReportedWithFileAndPath(String file, String path, Object value, String expected) {
        ConfigResult r = Shipped.parseWithPolicy(file, with(Shipped.policy(file), path, value));
        assertThat(r.config()).isEmpty();
        assertThat(r.problems()).containsExactly(expected);
    }

    @Test
    void normalSetupCapDefaultsToFivePercentWhenLeftOut() {
        JsonObject doc = with(Shipped.policy("sizing_policy.json"), "global.normal_setup_cap_pct", REMOVE);
        ConfigResult r = Shipped.parseWithPolicy("sizing_policy.json", doc);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().orElseThrow().policies().sizing().global().normalSetupCapPct()).isEqualByComparingTo("0.05");
    }

    @Test
    void sessionWindowsWithAGapAreRefused() {
        JsonObject doc = with(Shipped.policy("session_policy.json"), "sessions.ASIA.end", "06:00");
        assertThat(Shipped.parseWithPolicy("session_policy.json", doc).problems()).containsExactly(
                "policies/session_policy.json: sessions must tile the day: 06:00–07:00 is in no session");
    }

    @Test
    void sessionWindowsThatOverlapOrStopShortAreRefused() {
        JsonObject doc = with(Shipped.policy("session_policy.json"), "sessions.EU.end", "14:00");
        with(doc, "sessions.OFF_HOURS.end", "23:30");
        assertThat(Shipped.parseWithPolicy("session_policy.json", doc).problems()).containsExactly(
                "policies/session_policy.json: sessions must tile the day: EU 08:00–14:00 and EU_US 13:00–16:00 overlap at 13:00–14:00; "
                        + "23:30–24:00 is in no session");
    }

    @Test
    void bothAllocationFormsAreRefused() {
        JsonObject conf = with(Shipped.conf(), "asset_allocation_pct",
                new JsonObject().put("SPOT", 0.85).put("OPTIONS", 0.05).put("PERP", 0.10).put("FOREX", 0.0));
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: asset_allocation_usd and asset_allocation_pct are both set; keep exactly one");
    }

    @Test
    void aMissingAllocationIsRefused() {
        JsonObject conf = with(Shipped.conf(), "asset_allocation_usd", REMOVE);
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: asset_allocation_usd is missing (or give asset_allocation_pct instead)");
    }

    @Test
    void fractionAllocationGivesUsdOfTotalEquity() {
        JsonObject conf = with(Shipped.conf(), "asset_allocation_usd", REMOVE);
        with(conf, "asset_allocation_pct", new JsonObject().put("SPOT", 0.85).put("OPTIONS", 0.05).put("PERP", 0.10).put("FOREX", 0));
        with(conf, "sim_equity_usd", 15000);
        Allocation a = Shipped.parse(conf, Shipped.policies(), Map.of()).orElseThrow().allocation();
        assertThat(a.usd(AssetClass.SPOT, new BigDecimal("12345.67"))).isEqualByComparingTo("10493.8195");
        assertThat(a.usd(AssetClass.FOREX, new BigDecimal("12345.67"))).isEqualByComparingTo("0");
        assertThat(a.isFunded(AssetClass.PERP)).isTrue();
    }

    @Test
    void fractionsSummingAboveOneAreRefused() {
        JsonObject conf = with(Shipped.conf(), "asset_allocation_usd", REMOVE);
        with(conf, "asset_allocation_pct", new JsonObject().put("SPOT", 0.9).put("OPTIONS", 0.05).put("PERP", 0.10).put("FOREX", 1.5));
        with(conf, "sim_equity_usd", 15000);
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: asset_allocation_pct.FOREX must be a number in [0, 1], got 1.5");
        with(conf, "asset_allocation_pct.FOREX", 0.01);
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: asset_allocation_pct must sum to at most 1, got 1.06");
    }

    @Test
    void anAllocationWithoutFundsIsAWarning() {
        JsonObject conf = with(Shipped.conf(), "asset_allocation_usd",
                new JsonObject().put("SPOT", 0).put("OPTIONS", 0).put("PERP", 0).put("FOREX", 0));
        ConfigResult r = Shipped.parse(conf, Shipped.policies(), Map.of());
        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).containsExactly(
                "conf/meridian.json: asset_allocation_usd gives no asset class any funds, so no position will be opened");
    }

    @Test
    void confFieldsAreCheckedWithTheirPaths() {
        JsonObject conf = Shipped.conf();
        with(conf, "http.port", "8080");
        with(conf, "bybit.ws_url", "https://stream.bybit.com");
        with(conf, "market.timeframes_sec", new JsonArray().add(300).add(60));
        with(conf, "market.default_speed", "fast");
        with(conf, "state_dir", REMOVE);
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: http.port must be an integer in 0..65535, got \"8080\"",
                "conf/meridian.json: state_dir is missing",
                "conf/meridian.json: bybit.ws_url must be an absolute wss or ws URL without query or fragment, got \"https://stream.bybit.com\"",
                "conf/meridian.json: market.default_speed must be \"max\" or a positive number, got \"fast\"");
    }

    @Test
    void theLearningSectionIsOptionalFieldByFieldAndCheckedByName() {
        JsonObject conf = with(Shipped.conf(), "strategy.learning", REMOVE);
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).config().orElseThrow().strategy().learning())
                .isEqualTo(LearningConfig.DEFAULTS);
        conf = with(Shipped.conf(), "strategy.learning", new JsonObject().put("mode_selector", "RULES").put("seed", 42));
        LearningConfig l = Shipped.parse(conf, Shipped.policies(), Map.of()).config().orElseThrow().strategy().learning();
        assertThat(l.modeSelector()).isEqualTo(LearningConfig.ModeSelectorKind.RULES);
        assertThat(l.seed()).isEqualTo(42);
        assertThat(l.decay()).isEqualTo(LearningConfig.DEFAULTS.decay());
        with(conf, "strategy.learning.mode_selector", "thompson");
        with(conf, "strategy.learning.decay", 0);
        with(conf, "strategy.learning.prior_sd_points", -1);
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: strategy.learning.mode_selector must be one of BANDIT, RULES, got \"thompson\"",
                "conf/meridian.json: strategy.learning.decay must be a number in (0, 1], got 0",
                "conf/meridian.json: strategy.learning.prior_sd_points must be a number > 0, got -1");
    }

    @Test
    void timeframesMustIncreaseAndIncludeTheStrategyTimeframe() {
        JsonObject conf = with(Shipped.conf(), "market.timeframes_sec", new JsonArray().add(300).add(60));
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: market.timeframes_sec must be strictly increasing, got 300 before 60");
        with(conf, "market.timeframes_sec", new JsonArray().add(300).add(900));
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: strategy.timeframe_sec must be one of market.timeframes_sec [300, 900], got 60");
        with(conf, "market.timeframes_sec", new JsonArray().add(60).add(700));
        assertThat(Shipped.parse(conf, Shipped.policies(), Map.of()).problems()).containsExactly(
                "conf/meridian.json: market.timeframes_sec[1] must divide a day (86400 s), got 700");
    }

    @Test
    void everyProblemIsCollectedAtOnce() {
        JsonObject conf = with(Shipped.conf(), "http.port", -1);
        Map<String, JsonObject> policies = Shipped.policies();
        with(policies.get("sizing_policy.json"), "global.max_risk_pct", "abc");
        with(policies.get("sizing_policy.json"), "global.fee_bps", -1);
        with(policies.get("kpi_policy.json"), "modes.SCALP.max_drawdown", 0);
        with(policies.get("session_policy.json"), "sessions.ASIA.end", "06:00");
        policies.remove("risk_policy.json");
        ConfigResult r = Shipped.parse(conf, policies, Map.of("MERIDIAN_TELEGRAM_TOKEN", "123:abc"));
        assertThat(r.config()).isEmpty();
        assertThat(r.problems()).containsExactly(
                "conf/meridian.json: http.port must be an integer in 0..65535, got -1",
                "MERIDIAN_TELEGRAM_TOKEN is set but MERIDIAN_TELEGRAM_CHAT_ID is not; set both or neither",
                "policies/sizing_policy.json: global.max_risk_pct must be a number in (0, 0.1], got \"abc\"",
                "policies/sizing_policy.json: global.fee_bps must be a number in [0, 1000], got -1",
                "policies/kpi_policy.json: modes.SCALP.max_drawdown must be a number in (0, 1], got 0",
                "policies/session_policy.json: sessions must tile the day: 06:00–07:00 is in no session",
                "policies/risk_policy.json: file is missing");
        assertThat(assertThrows(ConfigException.class, r::orElseThrow).problems()).isEqualTo(r.problems());
    }

    @Test
    void unknownKeysFilesAndVariablesAreWarningsOnly() {
        JsonObject conf = with(Shipped.conf(), "htp", new JsonObject());
        with(conf, "http.hots", "0.0.0.0");
        Map<String, JsonObject> policies = Shipped.policies();
        with(policies.get("sizing_policy.json"), "global.max_risk", 0.01);
        policies.put("extra_policy.json", new JsonObject());
        ConfigResult r = Shipped.parse(conf, policies, Map.of("MERIDIAN_HTTP_PROT", "1", "HOME", "/root"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).containsExactlyInAnyOrder(
                "MERIDIAN_HTTP_PROT is not a known variable and is ignored",
                "conf/meridian.json: http.hots is not a known setting and is ignored",
                "conf/meridian.json: htp is not a known setting and is ignored",
                "policies/extra_policy.json: not a known policy file; ignored",
                "policies/sizing_policy.json: global.max_risk is not a known setting and is ignored");
    }

    @Test
    void credentialsInTheFileAreRefused() {
        JsonObject conf = with(Shipped.conf(), "bybit.api_secret", "s3cr3t");
        with(conf, "pg_url", "postgresql://u:p@h/db");
        ConfigResult r = Shipped.parse(conf, Shipped.policies(), Map.of());
        assertThat(r.problems()).containsExactly(
                "conf/meridian.json: pg_url is not read from files: set MERIDIAN_PG_URL in the environment instead",
                "conf/meridian.json: bybit.api_secret is not read from files: set MERIDIAN_BYBIT_API_SECRET in the environment instead");
        assertThat(String.join("\n", r.problems())).doesNotContain("s3cr3t").doesNotContain("u:p@");
    }

    @Test
    void environmentWinsOverTheFile() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("MERIDIAN_HTTP_HOST", "0.0.0.0"),
                Map.entry("MERIDIAN_HTTP_PORT", " 9090 "),
                Map.entry("MERIDIAN_STATE_DIR", "/var/lib/meridian"),
                Map.entry("MERIDIAN_TELEMETRY_DIR", "out/telemetry"),
                Map.entry("MERIDIAN_PG_URL", "postgresql://bot:pw@db:5432/meridian"),
                Map.entry("MERIDIAN_DASHBOARD_TOKEN", "dash-token"),
                Map.entry("MERIDIAN_BYBIT_REST_URL", "https://api-testnet.bybit.com/"),
                Map.entry("MERIDIAN_BYBIT_WS_URL", "wss://stream-testnet.bybit.com"),
                Map.entry("MERIDIAN_BYBIT_WS_PRIVATE_URL", "ws://127.0.0.1:9001/v5/private"),
                Map.entry("MERIDIAN_BYBIT_API_KEY", "key-1"),
                Map.entry("MERIDIAN_BYBIT_API_SECRET", "secret-1"),
                Map.entry("MERIDIAN_OANDA_URL", "http://127.0.0.1:9002"),
                Map.entry("MERIDIAN_OANDA_STREAM_URL", "http://127.0.0.1:9003"),
                Map.entry("MERIDIAN_OANDA_TOKEN", "oanda-token"),
                Map.entry("MERIDIAN_OANDA_ACCOUNT", "101-004-1234567-001"),
                Map.entry("MERIDIAN_TELEGRAM_API_URL", "http://127.0.0.1:9004"),
                Map.entry("MERIDIAN_TELEGRAM_TOKEN", "123:tg"),
                Map.entry("MERIDIAN_TELEGRAM_CHAT_ID", "42, -1001234567890"));
        ConfigResult r = shipped(env);
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        MeridianConfig c = r.orElseThrow();
        assertThat(c.http()).isEqualTo(new HttpConfig("0.0.0.0", 9090));
        assertThat(c.stateDir()).isEqualTo(java.nio.file.Path.of("/var/lib/meridian"));
        assertThat(c.telemetryDir()).isEqualTo(Shipped.WORK_DIR.resolve("out/telemetry"));
        assertThat(c.pgUrl()).contains(Secret.of("postgresql://bot:pw@db:5432/meridian"));
        assertThat(c.dashboardToken()).contains(Secret.of("dash-token"));
        assertThat(c.bybit().restUrl()).isEqualTo(URI.create("https://api-testnet.bybit.com"));
        assertThat(c.bybit().wsUrl()).isEqualTo(URI.create("wss://stream-testnet.bybit.com"));
        assertThat(c.bybit().wsPrivateUrl()).isEqualTo(URI.create("ws://127.0.0.1:9001/v5/private"));
        assertThat(c.bybit().credentials()).contains(new BybitConfig.Credentials(Secret.of("key-1"), Secret.of("secret-1")));
        assertThat(c.oanda().url()).isEqualTo(URI.create("http://127.0.0.1:9002"));
        assertThat(c.oanda().streamUrl()).isEqualTo(URI.create("http://127.0.0.1:9003"));
        assertThat(c.oanda().account()).contains(new OandaConfig.Account(Secret.of("oanda-token"), "101-004-1234567-001"));
        assertThat(c.telegram().apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9004"));
        assertThat(c.telegram().bot()).contains(new TelegramConfig.Bot(Secret.of("123:tg"), List.of(42L, -1001234567890L)));
    }

    @Test
    void blankVariablesCountAsUnset() {
        MeridianConfig c = shipped(Map.of("MERIDIAN_PG_URL", "", "MERIDIAN_HTTP_PORT", "  ")).orElseThrow();
        assertThat(c.pgUrl()).isEmpty();
        assertThat(c.http().port()).isEqualTo(8080);
    }

    @Test
    void badVariablesAreReportedByName() {
        ConfigResult r = shipped(Map.of(
                "MERIDIAN_HTTP_PORT", "x",
                "MERIDIAN_BYBIT_REST_URL", "api.bybit.com",
                "MERIDIAN_TELEGRAM_API_URL", "https://user:pw@api.telegram.org",
                "MERIDIAN_TELEGRAM_CHAT_ID", "42,abc",
                "MERIDIAN_TELEGRAM_TOKEN", "123:tg",
                "MERIDIAN_PG_URL", "mysql://root:hunter2@db/x",
                "MERIDIAN_OANDA_TOKEN", "t"));
        assertThat(r.problems()).containsExactly(
                "MERIDIAN_HTTP_PORT must be an integer in 0..65535, got \"x\"",
                "MERIDIAN_PG_URL must look like postgresql://user:pass@host:port/db (value not shown)",
                "MERIDIAN_BYBIT_REST_URL must be an absolute https or http URL without query or fragment, got \"api.bybit.com\"",
                "MERIDIAN_OANDA_TOKEN is set but MERIDIAN_OANDA_ACCOUNT is not; set both or neither",
                "MERIDIAN_TELEGRAM_API_URL must not contain user:password@, got \"https://user:pw@api.telegram.org\"",
                "MERIDIAN_TELEGRAM_CHAT_ID must be one or more integer chat ids separated by commas, got \"42,abc\"");
        assertThat(String.join("\n", r.problems())).doesNotContain("hunter2");
    }

    @Test
    void aPortOutOfRangeInTheEnvironmentIsRefused() {
        assertThat(shipped(Map.of("MERIDIAN_HTTP_PORT", "70000")).problems())
                .containsExactly("MERIDIAN_HTTP_PORT must be an integer in 0..65535, got \"70000\"");
    }
}
