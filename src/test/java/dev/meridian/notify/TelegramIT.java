package dev.meridian.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.bus.Addresses;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.config.Secret;
import dev.meridian.config.TelegramConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;
import dev.meridian.funds.FundsState;
import dev.meridian.funds.FundsUpdate;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.learning.KpiList;
import dev.meridian.core.RiskState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Telegram verticle against WireMock as the Bot API (loopback, random port) and fake event-bus
 * peers for the {@code cmd.*} requests. After every test: no request to Telegram and no funds
 * change ever named {@code allow_funds}, and no log line held the token.
 */
class TelegramIT {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String TOKEN = "123456:TEST-token_secret";
    private static final long OWNER = 4242L;
    private static final long STRANGER = 666L;
    private static final String OK = "{\"ok\":true,\"result\":{\"message_id\":1}}";
    private static final String NO_UPDATES = "{\"ok\":true,\"result\":[]}";

    private Vertx vertx;
    private TelegramVerticle verticle;
    private SimpleMeterRegistry registry;
    private final List<FundsUpdate> fundsUpdates = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile FundsState funds = TelegramFixtures.funds(false);
    private volatile PortfolioSnapshot portfolio = TelegramFixtures.snapshot();
    private final List<String> logLines = new java.util.concurrent.CopyOnWriteArrayList<>();   // the verticle logs while the test reads
    private final Handler logCapture = new Handler() {
        @Override public void publish(LogRecord r) {
            logLines.add(r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override public void flush() { }

        @Override public void close() { }
    };

    private static String path(String method) { return "/bot" + TOKEN + "/" + method; }

    @BeforeEach
    void setUp() {
        Logger.getLogger("dev.meridian").addHandler(logCapture);
        WM.stubFor(post(urlPathEqualTo(path("sendMessage"))).willReturn(okJson(OK)));
        // A quiet long poll: Telegram would hold it up to the timeout; a short delay keeps the loop from spinning.
        WM.stubFor(post(urlPathEqualTo(path("getUpdates"))).willReturn(okJson(NO_UPDATES).withFixedDelay(200)));
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        var bus = vertx.eventBus();
        RecordCodecs.registerAll(bus, ClosedTrade.class, FundsState.class, FundsUpdate.class, PortfolioSnapshot.class,
                KpiList.class, RiskState.class, MarketStatus.class);
        bus.consumer(Addresses.CMD_FUNDS_GET, m -> m.reply(funds));
        bus.<FundsUpdate>consumer(Addresses.CMD_FUNDS_UPDATE, m -> {
            fundsUpdates.add(m.body());
            funds = TelegramFixtures.funds((Boolean) m.body().change().get("paused"));
            m.reply(funds);
        });
        bus.consumer(Addresses.CMD_RISK_STATE, m -> m.reply(new RiskState(Map.of(), Map.of())));
        bus.consumer(Addresses.CMD_PORTFOLIO_SNAPSHOT, m -> m.reply(portfolio));
        bus.consumer(Addresses.CMD_KPI_LIST, m -> m.reply(new KpiList(0, 30, List.of())));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
        Logger.getLogger("dev.meridian").removeHandler(logCapture);
        assertThat(WM.findAll(anyRequestedFor(anyUrl()))).allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain("allow_funds"));
        assertThat(fundsUpdates).allSatisfy(u -> assertThat(u.change()).containsOnlyKeys("paused"));
        assertThat(logLines).allSatisfy(l -> assertThat(l).doesNotContain(TOKEN));
    }

    private void deploy(Clock clock, int maxAttempts) throws Exception {
        TelegramConfig config = new TelegramConfig(URI.create("http://127.0.0.1:" + WM.getPort()),
                Optional.of(new TelegramConfig.Bot(Secret.of(TOKEN), List.of(OWNER))));
        verticle = new TelegramVerticle(config, registry,
                new TelegramVerticle.Settings(1, 100, maxAttempts, 50, 60_000, 300, 5_000, clock));
        await(vertx.deployVerticle(verticle));
    }

    private void deploy() throws Exception {
        deploy(Clock.systemUTC(), 3);
    }

    @Test
    void aClosedTradeIsSentWithItsNetPnl() throws Exception {
        deploy();
        vertx.eventBus().publish(Addresses.EVT_TRADE_CLOSED, TelegramFixtures.trade("ETHUSDT", "12.345"));
        JsonObject body = json(sends(1).get(0));
        assertThat(body.getLong("chat_id")).isEqualTo(OWNER);
        assertThat(body.getString("parse_mode")).isEqualTo("HTML");
        assertThat(body.getString("text")).contains("<b>Trade closed</b> ETHUSDT").contains("net P&amp;L <b>+12.35</b> USD");
    }

    @Test
    void floodControlHoldsTheQueueForRetryAfterAndDeliversOnce() throws Exception {
        WM.stubFor(post(urlPathEqualTo(path("sendMessage"))).inScenario("flood").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                                + "\"parameters\":{\"retry_after\":1}}"))
                .willSetStateTo("open"));
        deploy();
        vertx.eventBus().publish(Addresses.EVT_TRADE_CLOSED, TelegramFixtures.trade("FIRST", "1"));
        vertx.eventBus().publish(Addresses.EVT_TRADE_CLOSED, TelegramFixtures.trade("SECOND", "2"));
        List<LoggedRequest> sent = sends(3);
        assertThat(text(sent.get(0))).contains("FIRST");
        assertThat(text(sent.get(1))).contains("FIRST");
        assertThat(text(sent.get(2))).contains("SECOND");
        long waitedMs = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).isGreaterThanOrEqualTo(1000);
        Thread.sleep(500);
        assertThat(sends(0)).hasSize(3); // the 429'd message went out exactly once more, nothing repeated
        assertThat(verticle.failedNotifications()).isZero();
    }

    @Test
    void aMessageOverTheLimitArrivesAsTwoSendMessages() throws Exception {
        List<PortfolioSnapshot.PositionView> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new PortfolioSnapshot.PositionView("SYM" + i + "USDT", AssetClass.SPOT, Side.BUY, new BigDecimal("1.5"),
                    new BigDecimal("100.25"), new BigDecimal("95"), new BigDecimal("101"), new BigDecimal("1.125"), 0, true, BigDecimal.ONE));
        }
        portfolio = new PortfolioSnapshot(new BigDecimal("15000"), List.of(), many);
        String full = TelegramFormat.positions(portfolio);
        assertThat(full.length()).isBetween(4_500, 8_000);
        stubUpdates(update(1, OWNER, "/positions"));
        deploy();
        sends(2);
        Thread.sleep(300);
        List<String> pieces = sends(0).stream().map(TelegramIT::text).toList();
        assertThat(pieces).hasSize(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        // Sent one after the other, possibly within the same millisecond: order them by content.
        String first = pieces.get(0).startsWith("<b>Positions</b>") ? pieces.get(0) : pieces.get(1);
        String second = first == pieces.get(0) ? pieces.get(1) : pieces.get(0);
        assertThat(first + "\n" + second).isEqualTo(full);
    }

    @Test
    void pauseFromTheAllowedChatIsAuditedAsTelegramAndChatId() throws Exception {
        stubUpdates(update(10, OWNER, "/pause"));
        deploy();
        waitFor(() -> fundsUpdates.size() == 1);
        assertThat(fundsUpdates.get(0)).isEqualTo(new FundsUpdate("telegram:" + OWNER, Map.of("paused", true)));
        JsonObject reply = json(sends(1).get(0));
        assertThat(reply.getLong("chat_id")).isEqualTo(OWNER);
        assertThat(reply.getString("text")).contains("Paused.");
        // The next poll confirms the update: offset = last update_id + 1.
        waitFor(() -> polls().stream().anyMatch(r -> json(r).getLong("offset") == 11));
    }

    @Test
    void commandsFromAnotherChatAreIgnoredAndCounted() throws Exception {
        stubUpdates(update(20, STRANGER, "/pause"), update(21, STRANGER, "/status"));
        deploy();
        waitFor(() -> polls().stream().anyMatch(r -> json(r).getLong("offset") == 22));
        Thread.sleep(300);
        assertThat(fundsUpdates).isEmpty();
        assertThat(sends(0)).isEmpty();
        assertThat(verticle.ignoredCommands()).isEqualTo(2);
        assertThat(registry.get("meridian_telegram_ignored_commands").functionCounter().count()).isEqualTo(2.0);
    }

    @Test
    void resumeNeedsConfirm() throws Exception {
        funds = TelegramFixtures.funds(true);
        stubUpdates(update(30, OWNER, "/resume"), update(31, OWNER, "/allow_funds on"), update(32, OWNER, "/resume CONFIRM"));
        deploy();
        List<String> replies = sends(3).stream().map(TelegramIT::text).toList();
        assertThat(replies).anySatisfy(t -> assertThat(t).contains("Not resumed").contains("/resume CONFIRM"))
                .anySatisfy(t -> assertThat(t).startsWith("Unknown command."))
                .anySatisfy(t -> assertThat(t).startsWith("<b>Resumed.</b>"));
        assertThat(fundsUpdates).containsExactly(new FundsUpdate("telegram:" + OWNER, Map.of("paused", false)));
        assertThat(funds.paused()).isFalse();
        assertThat(funds.allowFunds()).isFalse();
    }

    @Test
    void failingSendsAreRetriedThenGivenUpWithoutTheTokenInTheLogs() throws Exception {
        WM.stubFor(post(urlPathEqualTo(path("sendMessage"))).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        deploy(Clock.systemUTC(), 3);
        vertx.eventBus().publish(Addresses.EVT_TRADE_CLOSED, TelegramFixtures.trade("X", "1"));
        waitFor(() -> verticle.failedNotifications() == 1);
        // The counter moves just before the warning is logged: wait for the line too, not only the count.
        waitFor(() -> logLines.stream().anyMatch(l -> l.contains("given up after")));
        assertThat(sends(0)).hasSize(3);
        assertThat(registry.get("meridian_telegram_failed").functionCounter().count()).isEqualTo(1.0);
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains("given up after 3 attempt(s)").contains("HTTP 502"));
    }

    @Test
    void theDailySummaryGoesOutAtMidnightUtcWithTheDaysNetPnl() throws Exception {
        Clock justBeforeMidnight = Clock.fixed(Instant.parse("2024-03-01T23:59:59.500Z"), ZoneOffset.UTC);
        deploy(justBeforeMidnight, 3);
        vertx.eventBus().publish(Addresses.EVT_TRADE_CLOSED, TelegramFixtures.trade("A", "10"));
        vertx.eventBus().publish(Addresses.EVT_TRADE_CLOSED, TelegramFixtures.trade("B", "-2.5"));
        sends(3);
        String summary = sends(0).stream().map(TelegramIT::text).filter(t -> t.contains("Daily summary")).findFirst().orElseThrow();
        assertThat(summary).startsWith("<b>Daily summary 2024-03-01 (UTC)</b>").contains("SPOT: +7.50 USD, 2 trades")
                .contains("<b>Sub-ledgers</b>").contains("<b>KPIs</b> (30 d window)");
        // The tally starts again: an explicit summary now shows no trade.
        await(verticle.triggerDailySummary(LocalDate.of(2024, 3, 2)));
        sends(4);
        assertThat(sends(0).stream().map(TelegramIT::text).filter(t -> t.contains("Daily summary 2024-03-02")))
                .singleElement().asString().contains("all: 0.00 USD, 0 trades");
    }

    // --- helpers

    private static JsonObject update(long id, long chat, String text) {
        return new JsonObject().put("update_id", id).put("message", new JsonObject().put("message_id", id)
                .put("date", Instant.now().getEpochSecond()).put("chat", new JsonObject().put("id", chat).put("type", "private"))
                .put("from", new JsonObject().put("id", chat).put("is_bot", false).put("first_name", "T")).put("text", text));
    }

    /** The first poll answers with {@code updates}, every later one with none. */
    private static void stubUpdates(JsonObject... updates) {
        JsonArray arr = new JsonArray();
        for (JsonObject u : updates) arr.add(u);
        WM.stubFor(post(urlPathEqualTo(path("getUpdates"))).inScenario("updates").whenScenarioStateIs(STARTED)
                .willReturn(okJson(new JsonObject().put("ok", true).put("result", arr).encode())).willSetStateTo("drained"));
    }

    private static List<LoggedRequest> polls() {
        return WM.findAll(postRequestedFor(urlPathEqualTo(path("getUpdates"))));
    }

    /** The sendMessage requests so far, in arrival order, after waiting until there are at least {@code atLeast}. */
    private static List<LoggedRequest> sends(int atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<LoggedRequest> all = new ArrayList<>(WM.findAll(postRequestedFor(urlPathEqualTo(path("sendMessage")))));
            all.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
            if (all.size() >= atLeast || System.currentTimeMillis() > deadline) {
                assertThat(all).hasSizeGreaterThanOrEqualTo(atLeast);
                return all;
            }
            Thread.sleep(20);
        }
    }

    private static void waitFor(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static JsonObject json(LoggedRequest r) { return new JsonObject(r.getBodyAsString()); }

    private static String text(LoggedRequest r) { return json(r).getString("text"); }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
