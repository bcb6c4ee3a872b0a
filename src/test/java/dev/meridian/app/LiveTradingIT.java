package dev.meridian.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.fake.BadBybitSignature;
import dev.meridian.exchange.bybit.fake.FakeBybitPrivateServer;
import dev.meridian.exchange.bybit.fake.FakeBybitPublicServer;
import dev.meridian.store.Database;
import dev.meridian.store.EmbeddedPostgresServer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMadeFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot (the real jar) trading Bybit spot live against fakes: the public stream carries the real
 * 2013 BTC trades re-timed to now, WireMock plays the REST API and refuses any request whose HMAC
 * is wrong, a local WebSocket server plays the private stream. LIVE funds need a proven record: the
 * test's PostgreSQL (an embedded server it starts itself, given to the bot as MERIDIAN_PG_URL) is
 * seeded with three winning paper trades per spot mode, and this test's policies ask for three
 * trades of evidence instead of 50–100 (every other threshold as shipped), so the gates open from
 * the first decision. With Allow Funds ON the bot sends signed orders; the test answers each one as
 * Bybit would (an execution with the fee taken in BTC on buys, then Filled — the first one pushed
 * twice, as the cancel-vs-fill race does), and every live fill is booked exactly once. When Allow
 * Funds goes OFF, no new entry reaches Bybit; open live positions are still closed there.
 */
class LiveTradingIT {
    @TempDir Path tmp;
    private Vertx vertx;
    private FakeBybitPublicServer ws;
    private FakeBybitPrivateServer privateWs;
    private WireMockServer rest;
    private static final String KEY = FakeBybitPrivateServer.TEST_KEY;
    private static final String SECRET = FakeBybitPrivateServer.TEST_SECRET;
    private final BadBybitSignature badSign = new BadBybitSignature(KEY, SECRET);

    private EmbeddedPostgresServer pg;
    private String pgUrl;

    @BeforeEach
    void fakes() throws Exception {
        BotProcess.openForTraversal(tmp);
        vertx = Vertx.vertx();
        ws = FakeBybitPublicServer.start(vertx).toCompletionStage().toCompletableFuture().get();
        privateWs = FakeBybitPrivateServer.start(vertx).toCompletionStage().toCompletableFuture().get();
        rest = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rest.start();
        rest.stubFor(requestMatching(badSign).atPriority(1).willReturn(okJson(BadBybitSignature.ANSWER)));
        String emptySpot = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":1}";
        rest.stubFor(get(urlPathEqualTo("/v5/market/kline")).willReturn(okJson(
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"list\":[]},\"retExtInfo\":{},\"time\":1}")));
        rest.stubFor(get(urlPathEqualTo("/v5/market/tickers")).willReturn(okJson(emptySpot)));
        rest.stubFor(get(urlPathEqualTo("/v5/market/instruments-info")).atPriority(5).willReturn(okJson(emptySpot)));
        rest.stubFor(get(urlPathEqualTo("/v5/market/instruments-info")).withQueryParam("category", equalTo("spot")).atPriority(4)
                .willReturn(okJson(Files.readString(Path.of("src/test/resources/bybit-rest/instruments-spot.json")))));
        rest.stubFor(get(urlPathEqualTo("/v5/market/time")).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"timeSecond\":\"" + System.currentTimeMillis() / 1000 + "\",\"timeNano\":\"" + System.currentTimeMillis() * 1_000_000L
                + "\"},\"time\":" + System.currentTimeMillis() + "}")));
        rest.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"b-1\",\"orderLinkId\":\"\"},\"retExtInfo\":{},\"time\":1}")));
        rest.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(emptySpot)));
        rest.stubFor(get(urlPathEqualTo("/v5/execution/list")).willReturn(okJson(emptySpot)));
        rest.stubFor(get(urlPathEqualTo("/v5/account/wallet-balance")).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"list\":[{\"accountType\":\"UNIFIED\",\"totalEquity\":\"20000\",\"coin\":[{\"coin\":\"USDT\",\"walletBalance\":\"20000\","
                + "\"equity\":\"20000\",\"locked\":\"0\"}]}]},\"time\":1}")));
        relaxedKpiPolicies(tmp.resolve("policies"));
        pg = EmbeddedPostgresServer.start(tmp.resolve("pg"));
        pgUrl = "postgresql://" + pg.user() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
        seedProvenRecord();
    }

    /** Three winning paper trades per spot mode, an hour ago: +5 % net each on $10. */
    private void seedProvenRecord() {
        Database db = Database.open(vertx, tmp.resolve("seed-state"), Optional.of(pgUrl));
        try {
            long t = System.currentTimeMillis() - 3_600_000L;
            int n = 0;
            for (String mode : List.of("SCALP", "INTRADAY_TREND", "SWING", "MEAN_REVERSION")) {
                for (int k = 0; k < 3; k++, n++) {
                    String order = "seed-" + n;
                    OffsetDateTime at = Instant.ofEpochMilli(t + n * 60_000L).atOffset(ZoneOffset.UTC);
                    db.pool().preparedQuery("INSERT INTO orders (id, symbol, asset_class, side, qty, ref_price, status, reason, paper, "
                            + "mode, source_seq, created_at) VALUES ($1, 'BTCUSDT', 'SPOT', 'SELL', 0.0125, 840, 'FILLED', NULL, true, $2, $3, $4)")
                            .execute(Tuple.of(order, mode, (long) n, at)).await();
                    db.pool().preparedQuery("INSERT INTO fills (id, order_id, symbol, asset_class, side, qty, price, ref_price, fee, slippage, "
                            + "paper, filled_at) VALUES ($1, $2, 'BTCUSDT', 'SPOT', 'SELL', 0.0125, 840, 840, 0.0105, 0, true, $3)")
                            .execute(Tuple.of(order + "-f", order, at)).await();
                    // gross 0.0125 × (840 − 800) = 0.5; fees 0.01 (entry) + 0.0105 (exit) = 0.0205; net 0.4795 = 4.795 % of $10.
                    db.pool().preparedQuery("INSERT INTO trades (exit_fill_id, entry_time, exit_time, symbol, asset_class, mode, regime, "
                            + "session, side, qty, entry_price, exit_price, stop_price, leverage, equity_before, size_usd, risk_usd, "
                            + "signal_score, good_setup, gross_pnl, fees, slippage, net_pnl, net_return_pct, paper, bound_by) VALUES "
                            + "($1, $2, $2, 'BTCUSDT', 'SPOT', $3, 'RANGE', 'EU', 'BUY', 0.0125, 800, 840, 790, 1, 14000, 10, 0.125, "
                            + "0.5, false, 0.5, 0.0205, 0, 0.4795, 4.795, true, 'FIXED')")
                            .execute(Tuple.of(order + "-f", at, mode)).await();
                }
            }
        } finally {
            db.close().await();
        }
    }

    @AfterEach
    void stopFakes() throws Exception {
        if (pg != null) pg.close();
        rest.stop();
        ws.close().toCompletionStage().toCompletableFuture().get();
        privateWs.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** The shipped policies, except that three trades of evidence are enough for the KPI gates (instead of 50–100). */
    private static void relaxedKpiPolicies(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Path.of("policies"))) {
            for (Path p : files.toList()) Files.copy(p, dir.resolve(p.getFileName()));
        }
        JsonObject kpi = new JsonObject(Files.readString(dir.resolve("kpi_policy.json")));
        JsonObject modes = kpi.getJsonObject("modes");
        for (String m : modes.fieldNames()) modes.getJsonObject(m).put("min_trades", 3);
        Files.writeString(dir.resolve("kpi_policy.json"), kpi.encodePrettily());
        JsonObject asset = new JsonObject(Files.readString(dir.resolve("asset_kpi_policy.json")));
        asset.getJsonObject("asset_classes").getJsonObject("SPOT").put("min_trades", 3);
        Files.writeString(dir.resolve("asset_kpi_policy.json"), asset.encodePrettily());
    }

    private record Trade(String frame, BigDecimal price) {}

    private static List<Trade> trades() throws Exception {
        List<Trade> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                LiveTradingIT.class.getClassLoader().getResourceAsStream("bitstamp_trades_from_20131125_usd.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            long first = -1;
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                long t = Long.parseLong(f[0]) * 1000;
                if (first < 0) first = t;
                long ts = now + (t - first);
                BigDecimal p = new BigDecimal(f[1]);
                out.add(new Trade(new JsonObject().put("topic", "publicTrade.BTCUSDT").put("type", "snapshot").put("ts", ts)
                        .put("data", new JsonArray().add(new JsonObject().put("T", ts).put("s", "BTCUSDT").put("S", "Buy")
                                .put("v", new BigDecimal(f[2]).toPlainString()).put("p", p.toPlainString())
                                .put("L", "PlusTick").put("i", UUID.nameUUIDFromBytes(line.getBytes(StandardCharsets.UTF_8)).toString())
                                .put("BT", false))).encode(), p));
            }
        }
        return out;
    }

    /** Answers every new order Bybit received: one execution at {@code price} and Filled. Returns the new ones. */
    private List<JsonObject> fillNewOrders(Map<String, JsonObject> seen, BigDecimal price) {
        List<JsonObject> fresh = new ArrayList<>();
        for (LoggedRequest r : rest.findAll(postRequestedFor(urlPathEqualTo("/v5/order/create")))) {
            JsonObject body = new JsonObject(r.getBodyAsString());
            String link = body.getString("orderLinkId");
            if (seen.containsKey(link)) continue;
            seen.put(link, body);
            fresh.add(body);
            BigDecimal qty = new BigDecimal(body.getString("qty"));
            boolean buy = body.getString("side").equals("Buy");
            // Bybit takes a buy's 0.1 % fee in BTC and a sell's in USDT.
            String fee = buy ? qty.multiply(new BigDecimal("0.001")).toPlainString()
                    : qty.multiply(price).multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.HALF_UP).toPlainString();
            String exec = execFrame(link, "ex-" + seen.size(), qty, price, fee, buy ? "BTC" : "USDT");
            String filled = orderFrame(link, body.getString("side"), qty);
            privateWs.push(exec);
            if (seen.size() == 1) privateWs.push(exec);          // the same execution pushed twice
            privateWs.push(filled);
            if (seen.size() == 1) privateWs.push(filled);        // and Filled twice (the cancel-vs-fill race)
        }
        return fresh;
    }

    private static String execFrame(String link, String execId, BigDecimal qty, BigDecimal price, String fee, String feeCurrency) {
        long now = System.currentTimeMillis();
        return "{\"id\":\"x-" + execId + "\",\"topic\":\"execution\",\"creationTime\":" + now + ",\"data\":[{\"category\":\"spot\","
                + "\"symbol\":\"BTCUSDT\",\"execId\":\"" + execId + "\",\"execPrice\":\"" + price.toPlainString() + "\",\"execQty\":\""
                + qty.toPlainString() + "\",\"execFee\":\"" + fee + "\",\"feeRate\":\"0.001\",\"feeCurrency\":\"" + feeCurrency + "\","
                + "\"execType\":\"Trade\",\"execValue\":\"0\",\"execTime\":\"" + now + "\",\"isMaker\":false,\"orderId\":\"b-1\","
                + "\"orderLinkId\":\"" + link + "\",\"orderPrice\":\"\",\"orderQty\":\"" + qty.toPlainString() + "\",\"leavesQty\":\"0\","
                + "\"closedSize\":\"\",\"execPnl\":\"\",\"seq\":1,\"markPrice\":\"\",\"markIv\":\"\",\"tradeIv\":\"\",\"indexPrice\":\"\","
                + "\"underlyingPrice\":\"\"}]}";
    }

    private static String orderFrame(String link, String side, BigDecimal qty) {
        long now = System.currentTimeMillis();
        return "{\"id\":\"o-" + link + "\",\"topic\":\"order\",\"creationTime\":" + now + ",\"data\":[{\"category\":\"spot\","
                + "\"symbol\":\"BTCUSDT\",\"orderId\":\"b-1\",\"orderLinkId\":\"" + link + "\",\"side\":\"" + side + "\","
                + "\"orderStatus\":\"Filled\",\"cancelType\":\"UNKNOWN\",\"rejectReason\":\"EC_NoError\",\"price\":\"\",\"qty\":\""
                + qty.toPlainString() + "\",\"avgPrice\":\"\",\"leavesQty\":\"0\",\"leavesValue\":\"0\",\"cumExecQty\":\""
                + qty.toPlainString() + "\",\"cumExecValue\":\"0\",\"cumExecFee\":\"0\",\"timeInForce\":\"IOC\",\"orderType\":\"Market\","
                + "\"marketUnit\":\"baseCoin\",\"positionIdx\":0,\"reduceOnly\":false,\"createdTime\":\"" + now + "\",\"updatedTime\":\""
                + now + "\"}]}";
    }

    @Test
    void placesSignedSpotOrdersBooksTheirFillsOnceAndFlipsBackToPaperWhenAllowFundsGoesOff() throws Exception {
        Map<String, String> env = Map.of("MERIDIAN_BYBIT_WS_URL", ws.baseUri().toString(),
                "MERIDIAN_BYBIT_REST_URL", "http://127.0.0.1:" + rest.port(),
                "MERIDIAN_BYBIT_WS_PRIVATE_URL", privateWs.url().toString(),
                "MERIDIAN_BYBIT_API_KEY", KEY, "MERIDIAN_BYBIT_API_SECRET", SECRET, "MERIDIAN_PG_URL", pgUrl);
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, env, "run")) {
            JsonObject ready = bot.awaitStatus(s -> s.getBoolean("live", false) && !s.getJsonArray("live_venues").isEmpty()
                    && s.getJsonArray("live_venues").getJsonObject(0).getBoolean("ready"), Duration.ofMinutes(2));
            assertThat(ready.getJsonArray("live_venues").getJsonObject(0).getString("name")).isEqualTo("bybit-spot");
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!ws.subscribedTopics(Category.SPOT).contains("publicTrade.BTCUSDT") && System.nanoTime() < until) Thread.sleep(50);
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"allow_funds\": true}").statusCode()).isEqualTo(200);

            List<Trade> trades = trades();
            Map<String, JsonObject> orders = new LinkedHashMap<>();
            // Phase 1: stream until a live round trip is booked (the bot trails the stream, so wait for it too).
            int i = 0;
            BigDecimal last = trades.get(0).price();
            long liveBooked = 0;
            for (; i < trades.size() && liveBooked == 0; i++) {
                ws.push(Category.SPOT, trades.get(i).frame());
                last = trades.get(i).price();
                if (i % 100 == 0) {
                    fillNewOrders(orders, last);
                    Thread.sleep(2);
                }
                if (i % 2000 == 0) liveBooked = countLive(bot);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (liveBooked == 0 && System.nanoTime() < deadline) {
                fillNewOrders(orders, last);
                Thread.sleep(200);
                liveBooked = countLive(bot);
            }
            JsonArray booked = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            assertThat(liveBooked).as("a live round trip; orders at Bybit: %s; trades: %s", orders.values(),
                    booked.stream().map(JsonObject.class::cast).map(t -> t.getString("mode") + "/" + t.getBoolean("paper")).toList())
                    .isPositive();

            // Phase 2: the owner turns Allow Funds OFF; the rest of the stream trades on paper only.
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"allow_funds\": false}").statusCode()).isEqualTo(200);
            long offAt = System.currentTimeMillis();
            for (; i < trades.size(); i++) {
                ws.push(Category.SPOT, trades.get(i).frame());
                last = trades.get(i).price();
                if (i % 100 == 0) {
                    fillNewOrders(orders, last);
                    Thread.sleep(2);
                }
            }
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                fillNewOrders(orders, last);
                Thread.sleep(200);
            }
            // An order already on its way when the switch flipped may arrive a moment later; none after that.
            List<LoggedRequest> entriesAfterOff = rest.findAll(postRequestedFor(urlPathEqualTo("/v5/order/create"))).stream()
                    .filter(r -> r.getLoggedDate().getTime() > offAt + 1_000)
                    .filter(r -> new JsonObject(r.getBodyAsString()).getString("side").equals("Buy")).toList();

            rest.verify(0, requestMadeFor(badSign));
            assertThat(entriesAfterOff).as("entries sent to Bybit after Allow Funds went OFF").isEmpty();
            assertThat(orders).as("signed orders Bybit received").isNotEmpty();
            // Every order went to Bybit once: as many create requests as distinct orderLinkIds.
            assertThat(rest.findAll(postRequestedFor(urlPathEqualTo("/v5/order/create")))).hasSize(orders.size());
            orders.values().forEach(o -> {
                assertThat(o.getString("marketUnit")).isEqualTo("baseCoin");
                assertThat(o.getString("orderLinkId")).matches("mer-[0-9a-f]{32}");
            });

            JsonArray all = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            long live = all.stream().map(JsonObject.class::cast).filter(t -> !t.getBoolean("paper")).count();
            long liveEntries = orders.values().stream().filter(o -> o.getString("side").equals("Buy")).count();
            long liveExits = orders.size() - liveEntries;
            // Each live entry was booked once and each live exit closed one live trade.
            assertThat(live).isEqualTo(liveExits);
            assertThat(liveEntries - liveExits).isBetween(0L, 1L);
            assertThat(all.stream().map(JsonObject.class::cast).filter(t -> t.getBoolean("paper")).count())
                    .as("paper trades go on beside the live ones").isPositive();
            System.out.printf("LiveTradingIT: %d signed orders at Bybit (%d entries, %d exits), %d live and %d paper trades booked, "
                    + "%d trade prints streamed%n", orders.size(), liveEntries, liveExits, live,
                    all.size() - live, trades.size());
            JsonObject status = bot.api("/api/status");
            assertThat(status.getString("mode")).isEqualTo("PAPER");
            assertThat(status.getInteger("open_live_orders")).isZero();
            assertThat(bot.logText()).doesNotContain("SEVERE").doesNotContain(SECRET);
        }
    }

    private static long countLive(BotProcess bot) throws Exception {
        // Closed trades booked as LIVE.
        return bot.api("/api/trades?limit=10000").getJsonArray("trades").stream().map(JsonObject.class::cast)
                .filter(t -> !t.getBoolean("paper")).count();
    }
}
