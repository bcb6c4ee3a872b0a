package dev.meridian.web;

import dev.meridian.bus.Addresses;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Tick;
import dev.meridian.funds.AuditLog;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import dev.meridian.funds.FundsUpdate;
import dev.meridian.market.BarsQuery;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.TradesPage;
import dev.meridian.regime.RegimeChange;
import dev.meridian.risk.RiskResume;
import dev.meridian.core.RiskState;
import dev.meridian.session.SessionChange;
import dev.meridian.strategy.StrategyStatus;
import dev.meridian.exchange.ExecStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The HTTP face: {@code /health} and {@code /metrics} without a token; everything under
 * {@code /api/} only with {@code Authorization: Bearer <token>} or the session cookie that
 * {@code POST /api/session} sets (HttpOnly, SameSite=Strict); the dashboard's static files from the
 * webroot. Reads go to the owning verticles over the bus; the funds controls change only through
 * {@code PUT /api/funds}, attributed to the caller in the audit log.
 */
public final class WebVerticle extends VerticleBase {
    static final String COOKIE = "meridian_session";

    private final String host;
    private final int port;
    private final DashboardToken token;
    private final String webroot;
    private final PrometheusMeterRegistry metrics;
    /** Completes when the database answers a trivial query. */
    private final Supplier<Future<Void>> databaseCheck;
    /** Where signed-in sessions (hashes only) survive a restart. */
    private final Path sessionsFile;
    private DashboardSessions sessions;
    private Future<Void> savingSessions = Future.succeededFuture();
    private final Map<String, JsonObject> symbols = new TreeMap<>();
    private final Map<String, Long> tickWallMs = new TreeMap<>();
    private SessionLabel session;
    /** Each class's latest refused entry, until one of its entries fills: why a class is idle. */
    private final Map<AssetClass, OrderRejected> lastEntryRefusal = new java.util.EnumMap<>(AssetClass.class);
    /** Open positions per class, from the portfolio's snapshots. */
    private Map<AssetClass, Integer> openPositions = Map.of();
    /** The market's clock: the newest tick's event time (the dashboard's equity curve runs on it). */
    private long lastEventTimeMs = Long.MIN_VALUE;
    private HttpServer server;

    public WebVerticle(String host, int port, DashboardToken token, String webroot, PrometheusMeterRegistry metrics,
                       Supplier<Future<Void>> databaseCheck, Path stateDir) {
        this.sessionsFile = stateDir.resolve("dashboard-sessions");
        this.databaseCheck = databaseCheck;
        this.host = host;
        this.port = port;
        this.token = token;
        this.webroot = webroot;
        this.metrics = metrics;
    }

    /** Asset classes that cannot trade in this run, each with why (e.g. FOREX without OANDA credentials). */
    private Map<AssetClass, String> unavailable = Map.of();

    /** Names classes this run cannot trade and why; {@code /api/status} gives it as their idle reason. Call before deploying. */
    public WebVerticle unavailable(Map<AssetClass, String> why) {
        this.unavailable = Map.copyOf(why);
        return this;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int actualPort() { return server.actualPort(); }

    @Override
    public Future<?> start() {
        return vertx.fileSystem().exists(sessionsFile.toString())
                .compose(exists -> exists ? vertx.fileSystem().readFile(sessionsFile.toString()).map(b -> b.toString())
                        : Future.succeededFuture(""))
                .compose(stored -> {
                    sessions = DashboardSessions.restore(token.hashHex(), System::currentTimeMillis, stored);
                    return serve();
                });
    }

    private Future<?> serve() {
        var bus = vertx.eventBus();
        bus.<Tick>consumer(Addresses.MD_TICK, m -> {
            Tick t = m.body();
            String key = t.assetClass() + ":" + t.symbol();
            symbol(key, t.symbol(), t.assetClass().name()).put("last_price", t.price())
                    .put("last_event_time", ApiJson.time(t.timeMs()));
            tickWallMs.put(key, System.currentTimeMillis());
            if (!t.warmup()) lastEventTimeMs = Math.max(lastEventTimeMs, t.timeMs());
        });
        bus.<RegimeChange>consumer(Addresses.EVT_REGIME, m -> symbol(m.body().assetClass() + ":" + m.body().symbol(),
                        m.body().symbol(), m.body().assetClass().name())
                .getJsonObject("regime").put(m.body().timeframeSec() + "s", new JsonObject()
                        .put("regime", m.body().regime().name()).put("confidence", m.body().confidence())));
        bus.<SessionChange>consumer(Addresses.EVT_SESSION, m -> session = m.body().session());
        bus.<StrategyStatus>consumer(Addresses.EVT_STRATEGY, m -> {
            StrategyStatus st = m.body();
            symbol(st.assetClass() + ":" + st.symbol(), st.symbol(), st.assetClass().name())
                    .put("session", st.session().name())
                    .put("strategy", new JsonObject().put("timeframe_sec", st.timeframeSec()).put("at", ApiJson.time(st.timeMs()))
                            .put("regime", st.regime().name()).put("regime_confidence", st.regimeConfidence())
                            .put("session", st.session().name()).put("mode", st.mode().map(Enum::name).orElse(null))
                            .put("note", st.note()));
        });

        publishTelemetry();
        Router router = Router.router(vertx);
        router.route().handler(WebSecurity::headers);
        router.route("/api/*").handler(WebSecurity::sameOriginForMutations);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4")
                .end(metrics.scrape()));
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.post("/api/session").handler(this::login);
        router.route("/api/*").handler(this::authenticate);
        router.get("/api/status").handler(this::status);
        router.get("/api/portfolio").handler(this::portfolio);
        router.post("/api/risk/resume").handler(this::resume);
        router.get("/api/trades").handler(this::trades);
        router.get("/api/equity").handler(this::equity);
        router.get("/api/bars").handler(this::bars);
        router.get("/api/funds").handler(ctx -> request(ctx, Addresses.CMD_FUNDS_GET, "",
                (FundsState s) -> new JsonObject(FundsController.toApi(s))));
        router.put("/api/funds").handler(this::updateFunds);
        router.get("/api/kpis").handler(ctx -> request(ctx, Addresses.CMD_KPI_LIST, "", ApiJson::kpis));
        router.get("/api/learning").handler(ctx -> request(ctx, Addresses.CMD_LEARNING_STATE, "", ApiJson::learning));
        router.get("/api/audit").handler(ctx -> request(ctx, Addresses.CMD_AUDIT_LIST, 200, (AuditLog a) -> {
            JsonArray entries = new JsonArray();
            a.entries().forEach(e -> entries.add(ApiJson.audit(e)));
            return new JsonObject().put("entries", entries);
        }));
        router.route("/api/*").handler(ctx -> error(ctx, 404, "no such API endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        // The dashboard's live feed: outbound only, ui.* JSON only; its transports need the session cookie.
        router.route("/eventbus/*").handler(this::requireSession);
        // The polling transports POST their frames; the browser sends only registrations and pings.
        router.route("/eventbus/*").handler(BodyHandler.create().setBodyLimit(16 * 1024));
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(new SockJSBridgeOptions()
                .addOutboundPermitted(new PermittedOptions().setAddressRegex("ui\\..+")), this::onBridgeEvent));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
        router.route("/*").handler(StaticHandler.create(io.vertx.ext.web.handler.FileSystemAccess.ROOT, webroot)
                .setCachingEnabled(false));
        return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
    }

    private JsonObject symbol(String key, String symbol, String assetClass) {
        return symbols.computeIfAbsent(key, k -> new JsonObject().put("symbol", symbol).put("asset_class", assetClass)
                .put("regime", new JsonObject()));
    }

    /**
     * {@code GET /health}: always 200 while serving; DEGRADED when the database does not answer
     * within 2 s, market data failed or is stale, or a configured live venue is not ready.
     */
    private void health(RoutingContext ctx) {
        var bus = vertx.eventBus();
        DeliveryOptions quick = new DeliveryOptions().setSendTimeout(2_000);
        Future<Void> db = databaseCheck.get().timeout(2, TimeUnit.SECONDS);
        Future<MarketStatus> market = bus.<MarketStatus>request(Addresses.CMD_MARKET_STATUS, "", quick).map(m -> m.body());
        Future<ExecStatus> exec = bus.<ExecStatus>request(Addresses.CMD_EXEC_STATUS, "", quick).map(m -> m.body());
        Future.join(db, market, exec).onComplete(ignored -> {
            JsonObject checks = new JsonObject().put("http", "UP");
            boolean degraded = false;
            checks.put("database", db.succeeded() ? "UP" : "DOWN: " + db.cause().getMessage());
            degraded |= db.failed();
            if (market.succeeded()) {
                String st = market.result().state();
                checks.put("market_data", st);
                checks.put("stale_symbols", new JsonArray(List.copyOf(market.result().staleSymbols())));
                degraded |= st.equals("FAILED") || !market.result().staleSymbols().isEmpty();
            } else {
                checks.put("market_data", "UNKNOWN");
                degraded = true;
            }
            JsonObject exchanges = new JsonObject().put("paper", "UP");
            if (exec.succeeded()) {
                for (ExecStatus.Venue v : exec.result().venues()) {
                    exchanges.put(v.name(), v.ready() ? "UP" : "DOWN: " + v.status());
                    degraded |= !v.ready();
                }
            } else {
                exchanges.put("live", "UNKNOWN");
                degraded = true;
            }
            checks.put("exchanges", exchanges);
            json(ctx, 200, new JsonObject().put("status", degraded ? "DEGRADED" : "UP").put("checks", checks));
        });
    }

    private void login(RoutingContext ctx) {
        String candidate = bearer(ctx);
        if (candidate == null) {
            JsonObject body = ctx.body().asJsonObject();
            candidate = body == null ? null : body.getString("token");
        }
        if (!token.matches(candidate)) {
            error(ctx, 401, "invalid token");
            return;
        }
        String id = sessions.open();
        String content = sessions.serialize();
        // One write at a time; a failed write only means this browser signs in again after a restart.
        savingSessions = savingSessions.eventually(() -> vertx.fileSystem()
                        .writeFile(sessionsFile.toString(), io.vertx.core.buffer.Buffer.buffer(content)))
                .recover(e -> Future.succeededFuture());
        ctx.response().addCookie(Cookie.cookie(COOKIE, id).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/")
                .setMaxAge(DashboardSessions.LIFETIME_MS / 1000));
        json(ctx, 200, new JsonObject().put("status", "signed in"));
    }

    private void authenticate(RoutingContext ctx) {
        String b = bearer(ctx);
        Cookie c = ctx.request().getCookie(COOKIE);
        if ((b != null && token.matches(b)) || (c != null && sessions.valid(c.getValue()))) {
            ctx.put("who", b != null ? "api-token" : "dashboard-session");
            ctx.next();
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(ctx, 401, "missing or invalid credentials: send Authorization: Bearer <token>");
        }
    }

    private static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    /** Bridge sockets open now; the once-a-second status push runs only while someone watches. */
    private int bridgeSockets;

    private void requireSession(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        if (c != null && sessions.valid(c.getValue())) {
            ctx.next();
        } else {
            error(ctx, 401, "sign in first: the live feed needs the dashboard's session cookie");
        }
    }

    private void onBridgeEvent(BridgeEvent e) {
        switch (e.type()) {
            case SOCKET_CREATED -> bridgeSockets++;
            case SOCKET_CLOSED -> bridgeSockets = Math.max(0, bridgeSockets - 1);
            // Nothing comes in from the browser: the options permit no inbound address, and sends are refused here too.
            case SEND, PUBLISH -> {
                // Refused here as well as by the permitted list; the page is told, as the bridge itself would.
                e.socket().write(new JsonObject().put("type", "err").put("body", "access_denied").encode());
                e.fail("the dashboard's feed is read-only");
                return;
            }
            default -> { }
        }
        e.complete(true);
    }

    /**
     * The dashboard's telemetry, as JSON on {@code ui.*} (the only addresses the bridge lets out):
     * status and portfolio every second while a dashboard is connected, and closed trades, fills,
     * refusals and funds changes as they happen.
     */
    private void publishTelemetry() {
        var bus = vertx.eventBus();
        vertx.setPeriodic(1_000, id -> {
            if (bridgeSockets == 0) return;
            statusJson().onSuccess(j -> bus.publish(Addresses.UI_STATUS, j));
            portfolioJson().onSuccess(j -> {
                j.put("at", ApiJson.time(System.currentTimeMillis()));
                if (lastEventTimeMs != Long.MIN_VALUE) j.put("event_time", ApiJson.time(lastEventTimeMs));
                bus.publish(Addresses.UI_PORTFOLIO, j);
            });
        });
        bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> bus.publish(Addresses.UI_TRADE, ApiJson.trade(m.body())));
        bus.<Fill>consumer(Addresses.EVT_FILL, m -> bus.publish(Addresses.UI_ORDER, ApiJson.fill(m.body())));
        bus.<OrderRejected>consumer(Addresses.EVT_ORDER_REJECTED, m -> {
            bus.publish(Addresses.UI_ORDER, ApiJson.rejection(m.body()));
            if (m.body().entry()) lastEntryRefusal.put(m.body().assetClass(), m.body());
        });
        bus.<Fill>consumer(Addresses.EVT_FILL, m -> {
            if (m.body().order().entry()) lastEntryRefusal.remove(m.body().order().assetClass());
        });
        bus.<PortfolioSnapshot>consumer(Addresses.EVT_PORTFOLIO, m -> {
            Map<AssetClass, Integer> n = new java.util.EnumMap<>(AssetClass.class);
            m.body().positions().forEach(p -> n.merge(p.assetClass(), 1, Integer::sum));
            openPositions = n;
        });
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> bus.publish(Addresses.UI_FUNDS, FundsController.toApi(m.body())));
    }

    private void status(RoutingContext ctx) {
        statusJson().onSuccess(j -> json(ctx, 200, j)).onFailure(e -> error(ctx, 503, "status unavailable: " + e.getMessage()));
    }

    /** {@code GET /api/status}'s body; also what the dashboard receives on {@code ui.status} every second. */
    private Future<JsonObject> statusJson() {
        var bus = vertx.eventBus();
        Future<MarketStatus> market = bus.<MarketStatus>request(Addresses.CMD_MARKET_STATUS, "").map(m -> m.body());
        Future<FundsState> funds = bus.<FundsState>request(Addresses.CMD_FUNDS_GET, "").map(m -> m.body());
        Future<RiskState> risk = bus.<RiskState>request(Addresses.CMD_RISK_STATE, "").map(m -> m.body());
        Future<ExecStatus> exec = bus.<ExecStatus>request(Addresses.CMD_EXEC_STATUS, "").map(m -> m.body());
        return Future.all(market, funds, risk, exec).map(ar -> {
            MarketStatus m = market.result();
            long now = System.currentTimeMillis();
            JsonArray syms = new JsonArray();
            // Symbols known to the market source but without a trade yet still show (quotes, staleness).
            java.util.Set<String> known = new java.util.TreeSet<>(m.quotes().keySet());
            known.addAll(m.staleSymbols());
            for (String k : known) {
                int colon = k.indexOf(':');
                if (colon > 0) symbol(k, k.substring(colon + 1), k.substring(0, colon));
            }
            symbols.forEach((s, o) -> {
                JsonObject copy = o.copy();
                Long wall = tickWallMs.get(s);
                copy.put("data_age_ms", wall == null ? null : now - wall);
                copy.put("stale", m.staleSymbols().contains(s));
                MarketStatus.Quote q = m.quotes().get(s);
                if (q != null) copy.put("best_bid", q.bid()).put("best_ask", q.ask());
                syms.add(copy);
            });
            FundsState f = funds.result();
            ExecStatus x = exec.result();
            boolean anyReady = x.venues().stream().anyMatch(ExecStatus.Venue::ready);
            String mode = !f.allowFunds() ? "PAPER"
                    : anyReady ? "LIVE_ALLOWED" : "LIVE_ALLOWED (no live venue ready: orders are paper)";
            JsonArray venues = new JsonArray();
            x.venues().forEach(v -> venues.add(new JsonObject().put("name", v.name()).put("ready", v.ready()).put("status", v.status())));
            return new JsonObject()
                    .put("mode", mode)
                    .put("strategy_mode", f.strategyMode().map(Enum::name).orElse("AUTO"))
                    .put("replay", m.mode().equals("REPLAY") ? ApiJson.market(m) : null)
                    .put("live", m.mode().equals("LIVE"))
                    .put("market_data", new JsonArray().add(ApiJson.market(m)))
                    .put("session", session == null ? null : session.name())
                    .put("symbols", syms)
                    .put("halts", halts(f, risk.result()))
                    .put("asset_classes", assetClasses(f, risk.result(), syms))
                    .put("live_venues", venues)
                    .put("open_live_orders", x.openLiveOrders())
                    .put("risk", riskJson(risk.result()));
        });
    }

    /**
     * Per asset class: its switch, the symbols streaming for it, and, when it cannot be trading,
     * why not — in the order an owner would check: switched off or paused, halted by a rail, no
     * market data for it, or the reason its latest entry was refused (say, an order under the
     * exchange's minimum in the fixed $10 phase).
     */
    private JsonObject assetClasses(FundsState f, RiskState r, JsonArray syms) {
        JsonObject out = new JsonObject();
        for (AssetClass c : AssetClass.values()) {
            long symbols = syms.stream().map(JsonObject.class::cast).filter(s -> c.name().equals(s.getString("asset_class"))).count();
            String idle;
            if (!f.enabled(c)) idle = "switched off in the funds controls";
            else if (f.paused()) idle = "paused";
            else if (r.halts().containsKey(c)) idle = "halted: " + r.halts().get(c);
            else if (symbols == 0 && unavailable.containsKey(c)) idle = unavailable.get(c);
            else if (symbols == 0) idle = "no " + c + " market data (no " + c + " symbol in the live universe or the replay)";
            else if (lastEntryRefusal.containsKey(c)) {
                OrderRejected x = lastEntryRefusal.get(c);
                idle = "last entry refused at " + ApiJson.time(x.timeMs()) + " (" + x.stage() + "): " + x.reason();
            } else idle = null;
            out.put(c.name(), new JsonObject().put("enabled", f.enabled(c)).put("symbols", symbols)
                    .put("open_positions", openPositions.getOrDefault(c, 0)).put("idle_reason", idle));
        }
        return out;
    }

    /** The portfolio with each sub-ledger's {@code halted} flag from the risk rails. */
    private static JsonArray halts(FundsState f, RiskState r) {
        JsonArray out = new JsonArray();
        if (f.paused()) out.add("PAUSED");
        r.halts().forEach((c, reason) -> out.add(c.name() + " " + reason));
        return out;
    }

    private void portfolio(RoutingContext ctx) {
        portfolioJson().onSuccess(j -> json(ctx, 200, j)).onFailure(e -> error(ctx, 503, "portfolio unavailable: " + e.getMessage()));
    }

    /** {@code GET /api/portfolio}'s body; also what the dashboard receives on {@code ui.portfolio}. */
    private Future<JsonObject> portfolioJson() {
        var bus = vertx.eventBus();
        Future<PortfolioSnapshot> snap = bus.<PortfolioSnapshot>request(Addresses.CMD_PORTFOLIO_SNAPSHOT, "").map(m -> m.body());
        Future<RiskState> risk = bus.<RiskState>request(Addresses.CMD_RISK_STATE, "").map(m -> m.body());
        return Future.all(snap, risk).map(ar -> {
            JsonObject json = ApiJson.portfolio(snap.result());
            json.getJsonArray("sub_ledgers").forEach(o -> {
                JsonObject l = (JsonObject) o;
                AssetClass c = AssetClass.valueOf(l.getString("asset_class"));
                l.put("halted", risk.result().halts().containsKey(c));
                if (risk.result().halts().containsKey(c)) l.put("halt_reason", risk.result().halts().get(c));
            });
            return json;
        });
    }

    private void resume(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String name = body == null ? null : body.getString("asset_class");
        AssetClass c;
        try {
            c = AssetClass.valueOf(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "asset_class must be SPOT, PERP, OPTIONS or FOREX, got " + name);
            return;
        }
        String who = ctx.get("who") + "@" + ctx.request().remoteAddress().host();
        request(ctx, Addresses.CMD_RISK_RESUME, new RiskResume(who, c), (RiskState s) -> riskJson(s));
    }

    private static JsonObject riskJson(RiskState s) {
        JsonObject halts = new JsonObject();
        s.halts().forEach((c, r) -> halts.put(c.name(), r));
        return new JsonObject().put("halts", halts).put("refusals_by_reason", new JsonObject(new java.util.TreeMap<String, Object>(s.refusalsByReason())));
    }

    private void bars(RoutingContext ctx) {
        String symbol = ctx.request().getParam("symbol");
        String assetClass = ctx.request().getParam("asset_class", "SPOT");
        int timeframe;
        int limit;
        try {
            AssetClass.valueOf(assetClass);
            timeframe = Integer.parseInt(ctx.request().getParam("timeframe_sec", "60"));
            limit = Integer.parseInt(ctx.request().getParam("limit", "500"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "asset_class must be SPOT, PERP, OPTIONS or FOREX; timeframe_sec and limit integers");
            return;
        }
        if (symbol == null || symbol.isBlank() || limit < 1 || limit > 1_000) {
            error(ctx, 400, "symbol is required and limit must be in 1..1000");
            return;
        }
        request(ctx, Addresses.CMD_MARKET_BARS, new BarsQuery(assetClass + ":" + symbol, timeframe, limit),
                (BarsQuery.Result r) -> {
                    JsonArray arr = new JsonArray();
                    r.bars().forEach(b -> arr.add(new JsonObject().put("open_time", ApiJson.time(b.openTimeMs()))
                            .put("open", b.open()).put("high", b.high()).put("low", b.low()).put("close", b.close())
                            .put("volume", b.volume())));
                    return new JsonObject().put("symbol", symbol).put("asset_class", assetClass)
                            .put("timeframe_sec", timeframe).put("bars", arr);
                });
    }

    private void equity(RoutingContext ctx) {
        limit(ctx, 1_000).ifPresent(limit -> request(ctx, Addresses.CMD_PORTFOLIO_EQUITY, limit, ApiJson::equity));
    }

    private void trades(RoutingContext ctx) {
        limit(ctx, 500).ifPresent(limit -> request(ctx, Addresses.CMD_PORTFOLIO_TRADES, limit, (TradesPage p) -> {
            JsonArray arr = new JsonArray();
            p.trades().forEach(t -> arr.add(ApiJson.trade(t)));
            return new JsonObject().put("trades", arr).put("total", p.total());
        }));
    }

    /** The {@code limit} query parameter in 1..10000 ({@code dflt} when absent); empty after answering 400. */
    private static java.util.OptionalInt limit(RoutingContext ctx, int dflt) {
        String l = ctx.request().getParam("limit", Integer.toString(dflt));
        int limit;
        try {
            limit = Integer.parseInt(l);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 10_000) {
            error(ctx, 400, "limit must be an integer in 1..10000, got \"" + l + "\"");
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(limit);
    }

    private void updateFunds(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            error(ctx, 400, "body must be a JSON object: " + e.getMessage());
            return;
        }
        if (body == null) {
            error(ctx, 400, "body must be a JSON object");
            return;
        }
        String who = ctx.get("who") + "@" + ctx.request().remoteAddress().host();
        request(ctx, Addresses.CMD_FUNDS_UPDATE, new FundsUpdate(who, body.getMap()),
                (FundsState s) -> new JsonObject(FundsController.toApi(s)));
    }

    private <T> void request(RoutingContext ctx, String address, Object msg, java.util.function.Function<T, JsonObject> view) {
        vertx.eventBus().<T>request(address, msg).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, 200, view.apply(ar.result().body()));
            } else if (ar.cause() instanceof ReplyException re && re.failureCode() == 400) {
                error(ctx, 400, re.getMessage());
            } else {
                error(ctx, 503, ar.cause().getMessage());
            }
        });
    }

    private static void json(RoutingContext ctx, int code, JsonObject body) {
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void error(RoutingContext ctx, int code, String message) {
        json(ctx, code, new JsonObject().put("error", message));
    }

    @Override
    public Future<?> stop() { return server == null ? Future.succeededFuture() : server.close(); }
}
