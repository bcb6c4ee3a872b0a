package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns conf/meridian.json, the policy documents and the environment into a {@link MeridianConfig},
 * or into the complete list of what is wrong. Pure: no I/O, no Vert.x beyond {@link JsonObject}.
 *
 * <p>Rules: every field is required unless docs/config.md says otherwise; the environment wins over
 * the file, but a bad file value is reported even when the environment overrides it (the file is
 * wrong either way); credentials come only from the environment and are never echoed in messages;
 * unknown keys and unknown {@code MERIDIAN_*} variables are warnings.
 */
public final class ConfigParser {
    /** The main configuration file, relative to the working directory. */
    public static final String CONF_FILE = "conf/meridian.json";
    public static final String SIZING_POLICY = "sizing_policy.json";
    public static final String KPI_POLICY = "kpi_policy.json";
    public static final String ASSET_KPI_POLICY = "asset_kpi_policy.json";
    public static final String SESSION_POLICY = "session_policy.json";
    public static final String RISK_POLICY = "risk_policy.json";
    public static final String REGIME_POLICY = "regime_policy.json";
    public static final String OPTIONS_POLICY = "options_policy.json";
    /** The files expected in {@code policies/}, by bare file name. */
    public static final List<String> POLICY_FILES =
            List.of(SIZING_POLICY, KPI_POLICY, ASSET_KPI_POLICY, SESSION_POLICY, RISK_POLICY, REGIME_POLICY, OPTIONS_POLICY);

    private final Problems problems;
    private final Map<String, String> env;

    private ConfigParser(Problems problems, Map<String, String> env) {
        this.problems = problems;
        this.env = env;
    }

    /**
     * @param workDir  directory that relative {@code state_dir}/{@code telemetry_dir} resolve against
     * @param conf     contents of conf/meridian.json
     * @param policies policy documents by bare file name ("sizing_policy.json"); a missing one is a problem
     * @param env      the environment (only {@code MERIDIAN_*} entries are looked at)
     */
    public static ConfigResult parse(Path workDir, JsonObject conf, Map<String, JsonObject> policies, Map<String, String> env) {
        Objects.requireNonNull(conf, "conf");
        return parse(workDir, conf, policies, env, new Problems(), Set.of());
    }

    /**
     * For the loader, which has already reported the files it could not read: {@code conf} is null
     * when unreadable, and files named (as "policies/x.json" or CONF_FILE) in {@code reported} are
     * not reported again as missing.
     */
    static ConfigResult parse(Path workDir, JsonObject conf, Map<String, JsonObject> policies, Map<String, String> env,
                              Problems problems, Set<String> reported) {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(env, "env");
        return new ConfigParser(problems, env).run(workDir.toAbsolutePath().normalize(), conf, policies, reported);
    }

    private ConfigResult run(Path workDir, JsonObject conf, Map<String, JsonObject> policyDocs, Set<String> reported) {
        warnUnknownVariables();
        if (conf == null && !reported.contains(CONF_FILE)) problems.problem(CONF_FILE + ": file is missing");
        JsonSection confRoot = conf == null ? JsonSection.unreadable(CONF_FILE, problems) : JsonSection.root(CONF_FILE, conf, problems);
        ConfPart part = conf(workDir, confRoot);
        Policies policies = policies(policyDocs, reported);
        if (problems.count() > 0) return new ConfigResult(Optional.empty(), problems.problems(), problems.warnings());
        MeridianConfig config = new MeridianConfig(part.http, part.stateDir, part.telemetryDir, part.pgUrl,
                part.dashboardToken, part.bybit, part.oanda, part.telegram, part.market, part.strategy,
                part.allocation, policies);
        return new ConfigResult(Optional.of(config), List.of(), problems.warnings());
    }

    /**
     * What conf/meridian.json and the environment give; a field is null where a problem was
     * reported. Each part is built from whatever values it has, since the environment may supply
     * what the file lacks; a problem anywhere still withholds the whole configuration.
     */
    private static final class ConfPart {
        HttpConfig http;
        Path stateDir;
        Path telemetryDir;
        Optional<Secret> pgUrl;
        Optional<Secret> dashboardToken;
        BybitConfig bybit;
        OandaConfig oanda;
        TelegramConfig telegram;
        MarketConfig market;
        StrategyConfig strategy;
        Allocation allocation;
    }

    private ConfPart conf(Path workDir, JsonSection root) {
        ConfPart p = new ConfPart();
        p.http = http(root);
        p.stateDir = dir(workDir, root, "state_dir", EnvVar.MERIDIAN_STATE_DIR);
        p.telemetryDir = dir(workDir, root, "telemetry_dir", EnvVar.MERIDIAN_TELEMETRY_DIR);
        envOnly(root, "pg_url", EnvVar.MERIDIAN_PG_URL);
        envOnly(root, "dashboard_token", EnvVar.MERIDIAN_DASHBOARD_TOKEN);
        p.pgUrl = pgUrl();
        p.dashboardToken = EnvVar.MERIDIAN_DASHBOARD_TOKEN.read(env).map(Secret::of);
        p.allocation = allocation(root);
        p.bybit = bybit(root);
        p.oanda = oanda(root);
        p.telegram = telegram(root);
        p.market = market(root);
        p.strategy = strategy(root);
        if (p.market != null && p.strategy != null) {
            try {
                MeridianConfig.requireStrategyTimeframe(p.market, p.strategy);
            } catch (IllegalArgumentException e) {
                problems.problem(CONF_FILE + ": " + e.getMessage());
            }
        }
        root.warnUnknownKeys();
        return p;
    }

    private HttpConfig http(JsonSection root) {
        JsonSection s = root.object("http");
        String host = null;
        Integer port = null;
        if (s != null) {
            host = s.string("host");
            port = s.integer("port", HttpConfig.PORT);
            s.warnUnknownKeys();
        }
        host = EnvVar.MERIDIAN_HTTP_HOST.read(env).orElse(host);
        port = envOr(EnvVar.MERIDIAN_HTTP_PORT, HttpConfig.PORT, port);
        if (host == null || port == null) return null;
        String h = host;
        int p = port;
        return root.build(() -> new HttpConfig(h, p));
    }

    private Path dir(Path workDir, JsonSection root, String key, EnvVar var) {
        Path fromFile = root.parsed(key, ConfigParser::path);
        Optional<String> fromEnv = var.read(env);
        if (fromEnv.isEmpty()) return fromFile == null ? null : workDir.resolve(fromFile).normalize();
        try {
            return workDir.resolve(path(fromEnv.get())).normalize();
        } catch (IllegalArgumentException e) {
            problems.problem(var + " " + e.getMessage() + ", got " + JsonSection.show(fromEnv.get()));
            return null;
        }
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("must be a valid path");
        }
    }

    private Allocation allocation(JsonSection root) {
        boolean usd = root.has("asset_allocation_usd");
        boolean pct = root.has("asset_allocation_pct");
        if (usd && pct) {
            root.problem("asset_allocation_usd and asset_allocation_pct are both set; keep exactly one");
            return null;
        }
        if (!usd && !pct) {
            root.problem("asset_allocation_usd", "is missing (or give asset_allocation_pct instead)");
            return null;
        }
        String key = usd ? "asset_allocation_usd" : "asset_allocation_pct";
        Range range = usd ? Allocation.FixedUsd.AMOUNT : Allocation.FractionOfEquity.FRACTION;
        JsonSection s = root.object(key);
        if (s == null) return null;
        int before = problems.count();
        Map<AssetClass, BigDecimal> amounts = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            BigDecimal v = s.decimal(c.name(), range);
            if (v != null) amounts.put(c, v);
        }
        s.warnUnknownKeys();
        // Fractions need a total to take shares of: in simulation that is sim_equity_usd.
        BigDecimal simEquity = pct ? root.decimal("sim_equity_usd", Allocation.FractionOfEquity.SIM_EQUITY) : null;
        if (problems.count() != before) return null;
        Allocation a = root.build(() -> usd ? new Allocation.FixedUsd(amounts) : new Allocation.FractionOfEquity(amounts, simEquity));
        if (a != null && Arrays.stream(AssetClass.values()).noneMatch(a::isFunded)) {
            root.warning(key, "gives no asset class any funds, so no position will be opened");
        }
        return a;
    }

    private BybitConfig bybit(JsonSection root) {
        JsonSection s = root.object("bybit");
        URI rest = null, ws = null, wsPrivate = null;
        if (s != null) {
            rest = s.url("rest_url", Values.HTTP);
            ws = s.url("ws_url", Values.WS);
            wsPrivate = s.url("ws_private_url", Values.WS);
            envOnly(s, "api_key", EnvVar.MERIDIAN_BYBIT_API_KEY);
            envOnly(s, "api_secret", EnvVar.MERIDIAN_BYBIT_API_SECRET);
            s.warnUnknownKeys();
        }
        rest = envUrlOr(EnvVar.MERIDIAN_BYBIT_REST_URL, Values.HTTP, rest);
        ws = envUrlOr(EnvVar.MERIDIAN_BYBIT_WS_URL, Values.WS, ws);
        wsPrivate = envUrlOr(EnvVar.MERIDIAN_BYBIT_WS_PRIVATE_URL, Values.WS, wsPrivate);
        Optional<BybitConfig.Credentials> credentials = pair(EnvVar.MERIDIAN_BYBIT_API_KEY, EnvVar.MERIDIAN_BYBIT_API_SECRET,
                (key, secret) -> new BybitConfig.Credentials(Secret.of(key), Secret.of(secret)));
        if (rest == null || ws == null || wsPrivate == null) return null;
        URI r = rest, w = ws, wp = wsPrivate;
        return root.build(() -> new BybitConfig(r, w, wp, credentials));
    }

    private OandaConfig oanda(JsonSection root) {
        JsonSection s = root.object("oanda");
        URI url = null, stream = null;
        List<String> instruments = List.of();
        if (s != null) {
            url = s.url("url", Values.HTTP);
            stream = s.url("stream_url", Values.HTTP);
            if (s.has("instruments")) {
                List<String> listed = s.strings("instruments");
                if (listed != null) instruments = listed;
            }
            envOnly(s, "token", EnvVar.MERIDIAN_OANDA_TOKEN);
            envOnly(s, "account", EnvVar.MERIDIAN_OANDA_ACCOUNT);
            s.warnUnknownKeys();
        }
        url = envUrlOr(EnvVar.MERIDIAN_OANDA_URL, Values.HTTP, url);
        stream = envUrlOr(EnvVar.MERIDIAN_OANDA_STREAM_URL, Values.HTTP, stream);
        Optional<OandaConfig.Account> account = pair(EnvVar.MERIDIAN_OANDA_TOKEN, EnvVar.MERIDIAN_OANDA_ACCOUNT,
                (token, id) -> new OandaConfig.Account(Secret.of(token), id));
        if (url == null || stream == null) return null;
        URI u = url, st = stream;
        List<String> pairs = instruments;
        return root.build(() -> new OandaConfig(u, st, account, pairs));
    }

    private TelegramConfig telegram(JsonSection root) {
        JsonSection s = root.object("telegram");
        URI api = null;
        if (s != null) {
            api = s.url("api_url", Values.HTTP);
            envOnly(s, "token", EnvVar.MERIDIAN_TELEGRAM_TOKEN);
            envOnly(s, "chat_id", EnvVar.MERIDIAN_TELEGRAM_CHAT_ID);
            s.warnUnknownKeys();
        }
        api = envUrlOr(EnvVar.MERIDIAN_TELEGRAM_API_URL, Values.HTTP, api);
        List<Long> chatIds = chatIds();
        // With invalid chat ids (already reported) the factory yields null, which leaves the bot empty.
        Optional<TelegramConfig.Bot> bot = pair(EnvVar.MERIDIAN_TELEGRAM_TOKEN, EnvVar.MERIDIAN_TELEGRAM_CHAT_ID,
                (token, ids) -> chatIds == null ? null : new TelegramConfig.Bot(Secret.of(token), chatIds));
        if (api == null) return null;
        URI a = api;
        return root.build(() -> new TelegramConfig(a, bot));
    }

    /** The chat ids of MERIDIAN_TELEGRAM_CHAT_ID, or null when unset or invalid (invalid is reported). */
    private List<Long> chatIds() {
        Optional<String> raw = EnvVar.MERIDIAN_TELEGRAM_CHAT_ID.read(env);
        if (raw.isEmpty()) return null;
        List<Long> ids = new ArrayList<>();
        for (String part : raw.get().split(",", -1)) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                problems.problem(EnvVar.MERIDIAN_TELEGRAM_CHAT_ID + " must be one or more integer chat ids separated by commas, got "
                        + JsonSection.show(raw.get()));
                return null;
            }
        }
        return ids;
    }

    private MarketConfig market(JsonSection root) {
        JsonSection s = root.object("market");
        if (s == null) return null;
        int before = problems.count();
        List<Integer> timeframes = s.integers("timeframes_sec", MarketConfig.TIMEFRAME_SEC);
        String replay = s.string("default_replay");
        String speed = s.parsed("default_speed", Values::speed);
        LiveMarketConfig live = liveMarket(s);
        s.warnUnknownKeys();
        if (problems.count() != before || live == null) return null;
        return s.build(() -> new MarketConfig(timeframes, replay, speed, live));
    }

    private LiveMarketConfig liveMarket(JsonSection market) {
        JsonSection s = market.object("live");
        if (s == null) return null;
        int before = problems.count();
        Map<Category, List<String>> universe = new EnumMap<>(Category.class);
        JsonSection u = s.object("universe");
        if (u != null) {
            for (Category c : Category.values()) {
                if (u.has(c.name())) {
                    List<String> symbols = u.strings(c.name());
                    if (symbols != null) universe.put(c, symbols);
                }
            }
            u.warnUnknownKeys();
        }
        Integer quiet = s.integer("quiet_bar_grace_ms", LiveMarketConfig.GRACE_MS);
        Integer kline = s.integer("kline_grace_ms", LiveMarketConfig.GRACE_MS);
        Integer backfill = s.integer("backfill_bars", LiveMarketConfig.BACKFILL);
        JsonSection t = s.object("top_pairs");
        LiveMarketConfig.TopPairsConfig top = null;
        if (t != null) {
            Integer max = t.integer("max_per_category", LiveMarketConfig.TopPairsConfig.MAX);
            BigDecimal turnover = t.decimal("min_turnover_usd", Range.closed("0", "1000000000000"));
            BigDecimal spread = t.decimal("max_spread_bps", Range.openClosed("0", "10000"));
            String quote = t.string("quote_coin");
            Integer refresh = t.integer("refresh_sec", LiveMarketConfig.TopPairsConfig.REFRESH);
            t.warnUnknownKeys();
            if (problems.count() == before) {
                top = t.build(() -> new LiveMarketConfig.TopPairsConfig(max, turnover, spread, quote, refresh));
            }
        }
        s.warnUnknownKeys();
        if (problems.count() != before || top == null) return null;
        LiveMarketConfig.TopPairsConfig topPairs = top;
        return s.build(() -> new LiveMarketConfig(universe, quiet, kline, backfill, topPairs));
    }

    private StrategyConfig strategy(JsonSection root) {
        JsonSection s = root.object("strategy");
        if (s == null) return null;
        Integer timeframe = s.integer("timeframe_sec", MarketConfig.TIMEFRAME_SEC);
        LearningConfig learning = learning(s);
        s.warnUnknownKeys();
        return timeframe == null || learning == null ? null : s.build(() -> new StrategyConfig(timeframe, learning));
    }

    /** Optional, field by field: what is absent comes from {@link LearningConfig#DEFAULTS}. */
    private static LearningConfig learning(JsonSection strategy) {
        if (!strategy.has("learning")) return LearningConfig.DEFAULTS;
        JsonSection l = strategy.object("learning");
        if (l == null) return null;
        LearningConfig d = LearningConfig.DEFAULTS;
        LearningConfig.ModeSelectorKind kind = l.has("mode_selector")
                ? l.enumValue("mode_selector", LearningConfig.ModeSelectorKind.class) : d.modeSelector();
        Double decay = l.has("decay") ? l.real("decay", LearningConfig.DECAY) : Double.valueOf(d.decay());
        Double strength = l.has("prior_strength") ? l.real("prior_strength", LearningConfig.POSITIVE) : Double.valueOf(d.priorStrength());
        Double sd = l.has("prior_sd_points") ? l.real("prior_sd_points", LearningConfig.POSITIVE) : Double.valueOf(d.priorSdPoints());
        BigDecimal seed = l.has("seed") ? l.decimal("seed", LearningConfig.SEED) : BigDecimal.valueOf(d.seed());
        Integer minTrades = l.has("score_min_trades") ? l.integer("score_min_trades", LearningConfig.MIN_TRADES)
                : Integer.valueOf(d.scoreMinTrades());
        l.warnUnknownKeys();
        if (kind == null || decay == null || strength == null || sd == null || seed == null || minTrades == null) return null;
        return l.build(() -> new LearningConfig(kind, decay, strength, sd, seed.longValueExact(), minTrades));
    }

    private Policies policies(Map<String, JsonObject> docs, Set<String> reported) {
        for (String name : docs.keySet()) {
            if (!POLICY_FILES.contains(name)) problems.warning("policies/" + name + ": not a known policy file; ignored");
        }
        PolicyParser parser = new PolicyParser(problems);
        SizingPolicy sizing = policy(docs, reported, SIZING_POLICY, parser::sizing);
        KpiPolicy kpi = policy(docs, reported, KPI_POLICY, parser::kpi);
        AssetKpiPolicy assetKpi = policy(docs, reported, ASSET_KPI_POLICY, parser::assetKpi);
        SessionPolicy session = policy(docs, reported, SESSION_POLICY, parser::session);
        RiskPolicy risk = policy(docs, reported, RISK_POLICY, parser::risk);
        RegimePolicy regime = policy(docs, reported, REGIME_POLICY, parser::regime);
        OptionsPolicy options = policy(docs, reported, OPTIONS_POLICY, parser::options);
        if (sizing == null || kpi == null || assetKpi == null || session == null || risk == null || regime == null
                || options == null) return null;
        return new Policies(sizing, kpi, assetKpi, session, risk, regime, options);
    }

    private interface PolicyReader<T> {
        T read(String file, JsonObject json);
    }

    private <T> T policy(Map<String, JsonObject> docs, Set<String> reported, String name, PolicyReader<T> reader) {
        String file = "policies/" + name;
        JsonObject json = docs.get(name);
        if (json == null) {
            if (!reported.contains(file)) problems.problem(file + ": file is missing");
            return null;
        }
        return reader.read(file, json);
    }

    // ---- environment ----

    private void warnUnknownVariables() {
        Set<String> known = Arrays.stream(EnvVar.values()).map(Enum::name).collect(Collectors.toSet());
        env.keySet().stream().filter(k -> k.startsWith("MERIDIAN_") && !known.contains(k)).sorted()
                .forEach(k -> problems.warning(k + " is not a known variable and is ignored"));
    }

    /** Credentials and ids that belong to the environment only: a copy in a file is refused, not ignored. */
    private static void envOnly(JsonSection s, String key, EnvVar var) {
        if (s.has(key)) s.problem(key, "is not read from files: set " + var + " in the environment instead");
    }

    private Integer envOr(EnvVar var, Range range, Integer fileValue) {
        Optional<String> raw = var.read(env);
        if (raw.isEmpty()) return fileValue;
        try {
            BigDecimal v = new BigDecimal(raw.get());
            if (range.contains(v)) return v.intValueExact();
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.problem(var + " " + range.requirement() + ", got " + JsonSection.show(raw.get()));
        return null;
    }

    private URI envUrlOr(EnvVar var, Set<String> schemes, URI fileValue) {
        Optional<String> raw = var.read(env);
        if (raw.isEmpty()) return fileValue;
        try {
            return Values.url(raw.get(), schemes);
        } catch (IllegalArgumentException e) {
            problems.problem(var + " " + e.getMessage() + ", got " + JsonSection.show(raw.get()));
            return null;
        }
    }

    /** MERIDIAN_PG_URL, checked without ever showing the value: it holds the database password. */
    private Optional<Secret> pgUrl() {
        Optional<String> raw = EnvVar.MERIDIAN_PG_URL.read(env);
        if (raw.isPresent() && !raw.get().startsWith("postgresql://") && !raw.get().startsWith("postgres://")) {
            problems.problem(EnvVar.MERIDIAN_PG_URL + " must look like postgresql://user:pass@host:port/db (value not shown)");
            return Optional.empty();
        }
        return raw.map(Secret::of);
    }

    private interface PairFactory<T> {
        T create(String first, String second);
    }

    /** Two variables that only work together: both set gives a value, neither gives empty, one alone is a problem. */
    private <T> Optional<T> pair(EnvVar first, EnvVar second, PairFactory<T> factory) {
        Optional<String> a = first.read(env);
        Optional<String> b = second.read(env);
        if (a.isPresent() != b.isPresent()) {
            EnvVar set = a.isPresent() ? first : second;
            EnvVar unset = a.isPresent() ? second : first;
            problems.problem(set + " is set but " + unset + " is not; set both or neither");
            return Optional.empty();
        }
        return a.map(x -> factory.create(x, b.get()));
    }
}
