package dev.meridian.execution;

import dev.meridian.testing.Poll;

import dev.meridian.exchange.ExecStatus;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.bus.Addresses;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.bus.Watermark;
import dev.meridian.config.BybitConfig;
import dev.meridian.config.Secret;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Side;
import dev.meridian.core.Tick;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.bybit.BybitSpotVenue;
import dev.meridian.exchange.bybit.fake.BadBybitSignature;
import dev.meridian.exchange.bybit.fake.FakeBybitPrivateServer;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitRestSettings;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.Ledger;
import dev.meridian.portfolio.LedgerStore;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.PortfolioVerticle;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.portfolio.WalletCapsUpdate;
import dev.meridian.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMadeFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bybit spot trading end to end below the strategy: the router, the real portfolio and ledger on
 * embedded PostgreSQL, and the real {@link BybitSpotVenue} — its signed REST client against
 * WireMock, which recomputes every private request's HMAC and answers 10004 when it is wrong, and its
 * private stream against a local WebSocket fake that checks the auth signature. Orders and fills are
 * asserted exactly once in the ledger through the fault matrix.
 */
class BybitSpotRouterIT {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String KEY = FakeBybitPrivateServer.TEST_KEY;
    private static final String SECRET = FakeBybitPrivateServer.TEST_SECRET;
    private static final BadBybitSignature BAD_SIGN = new BadBybitSignature(KEY, SECRET);

    @TempDir Path stateDir;
    private Vertx vertx;
    private RouterChain chain;
    private Database db;
    private FakeBybitPrivateServer privateServer;
    private String execDeployment;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        RecordCodecs.registerAll(vertx.eventBus(), Order.class, Fill.class, OrderRejected.class, Watermark.class, Tick.class,
                FundsState.class, PositionChange.class, PortfolioSnapshot.class, ClosedTrade.class, WalletCapsUpdate.class,
                ExecStatus.class);
        WM.stubFor(requestMatching(BAD_SIGN).atPriority(1)
                .willReturn(okJson(BadBybitSignature.ANSWER)));
        WM.stubFor(get(urlPathEqualTo("/v5/market/time")).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"timeSecond\":\"" + System.currentTimeMillis() / 1000 + "\",\"timeNano\":\"" + System.currentTimeMillis() * 1_000_000L
                + "\"},\"time\":" + System.currentTimeMillis() + "}")));
        WM.stubFor(get(urlPathEqualTo("/v5/market/instruments-info")).willReturn(okJson(
                Files.readString(Path.of("src/test/resources/bybit-rest/instruments-spot.json")))));
        privateServer = FakeBybitPrivateServer.start(vertx).toCompletionStage().toCompletableFuture().get();
        db = Database.open(vertx, stateDir, Optional.empty());
        chain = new RouterChain(vertx, db.pool());
        LedgerStore store = new LedgerStore(db.pool());
        LedgerStore.Loaded loaded = store.load(Map.of(AssetClass.SPOT, new BigDecimal("14000"))).await();
        vertx.deployVerticle(new PortfolioVerticle(new Ledger(loaded.subLedgers(), loaded.positions()), store, dev.meridian.config.RiskPolicy.DEFAULT_FUNDING_RATE_8H)).await();
    }

    @AfterEach
    void stop() {
        WM.verify(0, requestMadeFor(BAD_SIGN));
        db.close().await();
        vertx.close().await();
    }

    private BybitSpotVenue venue(Duration restTimeout) {
        URI base = URI.create("http://127.0.0.1:" + WM.getPort());
        BybitRestSettings rest = new BybitRestSettings(base, restTimeout, 4, Duration.ofMillis(20), Duration.ofSeconds(1));
        BybitTradingClient client = new BybitTradingClient(vertx, rest, KEY, Secret.of(SECRET), 5000, System::currentTimeMillis);
        BybitMarketRest market = new BybitMarketRest(vertx, rest, Clock.systemUTC());
        return new BybitSpotVenue(vertx, client, market, privateServer.url(),
                new BybitConfig.Credentials(Secret.of(KEY), Secret.of(SECRET)), StreamOptions.defaults(), Clock.systemUTC());
    }

    private void deployRouter(LiveVenue venue, FundsState f) {
        execDeployment = vertx.deployVerticle(new ExecutionVerticle(new PaperVenue(new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("2")), f,
                List.of(venue), Optional.of(new LiveOrderStore(db.pool())), new ExecutionVerticle.Params(3_000, 300))).await();
        // The paper venue prices paper orders off the last trade it saw.
        vertx.eventBus().publish(Addresses.MD_TICK, new Tick("BTCUSDT", AssetClass.SPOT, 900, new BigDecimal("64000"), BigDecimal.ONE, 0, false));
    }

    private static FundsState funds(boolean allow) {
        return new FundsState(allow, false, Map.of(AssetClass.SPOT, true, AssetClass.PERP, false, AssetClass.OPTIONS, false,
                AssetClass.FOREX, false), new BigDecimal("0.10"), Optional.empty());
    }

    private static List<LoggedRequest> creates() {
        return WM.findAll(postRequestedFor(urlPathEqualTo("/v5/order/create")));
    }

    private static String ack(String linkId) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"b-" + linkId.substring(4, 12) + "\",\"orderLinkId\":\""
                + linkId + "\"},\"retExtInfo\":{},\"time\":" + System.currentTimeMillis() + "}";
    }

    static String orderFrame(String linkId, String side, String status, String qty, String cumQty, String cancelType, String reject) {
        return "{\"id\":\"o-" + status + "\",\"topic\":\"order\",\"creationTime\":" + System.currentTimeMillis() + ",\"data\":[{"
                + "\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"orderId\":\"b-1\",\"orderLinkId\":\"" + linkId + "\",\"side\":\"" + side
                + "\",\"orderStatus\":\"" + status + "\",\"cancelType\":\"" + cancelType + "\",\"rejectReason\":\"" + reject + "\","
                + "\"price\":\"\",\"qty\":\"" + qty + "\",\"avgPrice\":\"64000\",\"leavesQty\":\"0\",\"leavesValue\":\"0\","
                + "\"cumExecQty\":\"" + cumQty + "\",\"cumExecValue\":\"0\",\"cumExecFee\":\"0\",\"timeInForce\":\"IOC\","
                + "\"orderType\":\"Market\",\"marketUnit\":\"baseCoin\",\"positionIdx\":0,\"reduceOnly\":false,"
                + "\"createdTime\":\"" + System.currentTimeMillis() + "\",\"updatedTime\":\"" + System.currentTimeMillis() + "\"}]}";
    }

    static String execFrame(String linkId, String execId, String type, String qty, String price, String fee, String feeCurrency) {
        return "{\"id\":\"x-" + execId + "\",\"topic\":\"execution\",\"creationTime\":" + System.currentTimeMillis() + ",\"data\":[{"
                + "\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"execId\":\"" + execId + "\",\"execPrice\":\"" + price + "\","
                + "\"execQty\":\"" + qty + "\",\"execFee\":\"" + fee + "\",\"feeRate\":\"0.001\",\"feeCurrency\":\"" + feeCurrency + "\","
                + "\"execType\":\"" + type + "\",\"execValue\":\"0\",\"execTime\":\"" + System.currentTimeMillis() + "\",\"isMaker\":false,"
                + "\"orderId\":\"b-1\",\"orderLinkId\":\"" + linkId + "\",\"orderPrice\":\"\",\"orderQty\":\"" + qty + "\","
                + "\"leavesQty\":\"0\",\"closedSize\":\"\",\"execPnl\":\"\",\"seq\":1,\"markPrice\":\"\",\"markIv\":\"\",\"tradeIv\":\"\","
                + "\"indexPrice\":\"\",\"underlyingPrice\":\"\"}]}";
    }

    private static String realtime(String linkId, String status, String cumQty) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"nextPageCursor\":\"\",\"list\":[{\"orderId\":\"b-1\","
                + "\"orderLinkId\":\"" + linkId + "\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderStatus\":\"" + status + "\","
                + "\"qty\":\"0.000156\",\"cumExecQty\":\"" + cumQty + "\",\"avgPrice\":\"64000\",\"cumExecFee\":\"0\"}]},\"time\":0}";
    }

    private static final String EMPTY_LIST = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"nextPageCursor\":\"\",\"list\":[]},\"time\":0}";

    /** A $10 spot buy at 64,000: 0.00015625 BTC, sent as 0.000156 (the base step). */
    private static Order buy(String id, long seq) {
        return LiveRouterIT.order(id, seq, Side.BUY, true, "0.00015625", false, "64000");
    }

    @Test
    void aSignedSpotRoundTripBooksOnceThroughDuplicatesTheDoubleFilledRaceAFundingExecutionAndAllowFundsOff() {
        BybitSpotVenue venue = venue(Duration.ofSeconds(5));
        String link = OrderLinkIds.of("o-entry");
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack(link))));
        deployRouter(venue, funds(true));
        Poll.until(venue::ready, "the venue ready");
        assertThat(privateServer.subscribedTopics()).contains("order", "execution", "wallet");

        chain.send(buy("o-entry", 1));
        Poll.until(() -> creates().size() == 1, "the signed create");
        JsonObject body = new JsonObject(creates().get(0).getBodyAsString());
        assertThat(body.getString("category")).isEqualTo("spot");
        assertThat(body.getString("orderType")).isEqualTo("Market");
        assertThat(body.getString("marketUnit")).isEqualTo("baseCoin");
        assertThat(body.getString("qty")).isEqualTo("0.000156");
        assertThat(body.getString("orderLinkId")).isEqualTo(link);

        privateServer.push(execFrame(link, "ex-1", "Trade", "0.000156", "64000", "0.000000156", "BTC"));
        privateServer.push(execFrame(link, "ex-1", "Trade", "0.000156", "64000", "0.000000156", "BTC"));   // pushed twice
        privateServer.push(execFrame("", "fund-1", "Funding", "0.01", "64000", "0.064", "USDT"));         // not a fill
        privateServer.push(orderFrame(link, "Buy", "Filled", "0.000156", "0.000156", "UNKNOWN", "EC_NoError"));
        privateServer.push(orderFrame(link, "Buy", "Filled", "0.000156", "0.000156", "CancelByUser", "EC_OrigClOrdIDDoesNotExist"));
        chain.watermark(1);

        var fill = db.pool().query("SELECT qty, price, fee, paper FROM fills").execute().await();
        assertThat(fill.size()).isEqualTo(1);
        var f = fill.iterator().next();
        assertThat(f.getBigDecimal(0)).isEqualByComparingTo("0.000155844");            // 0.000156 − the BTC fee
        assertThat(f.getBigDecimal(2)).isEqualByComparingTo("0.009984");               // 0.000000156 BTC × 64,000
        assertThat(f.getBoolean(3)).isFalse();
        // Cash paid = 0.000156 × 64,000 = 9.984 exactly.
        assertThat(f.getBigDecimal(0).multiply(f.getBigDecimal(1)).add(f.getBigDecimal(2))).isEqualByComparingTo("9.984");
        // Executions are written beside the booking, not before its acknowledgement: wait for it.
        Poll.until(() -> chain.count("SELECT count(*) FROM live_executions") == 1, "the execution stored");

        // Allow Funds OFF: the live position is still sold at the venue; its dust is written off.
        vertx.eventBus().publish(Addresses.EVT_FUNDS, funds(false));
        String exitLink = OrderLinkIds.of("o-exit");
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack(exitLink))));
        chain.send(LiveRouterIT.order("o-exit", 2, Side.SELL, false, "0.000155844", false, "65000"));
        Poll.until(() -> creates().size() == 2, "the exit create");
        assertThat(new JsonObject(creates().get(1).getBodyAsString()).getString("qty")).isEqualTo("0.000155");
        privateServer.push(execFrame(exitLink, "ex-2", "Trade", "0.000155", "65000", "0.010075", "USDT"));
        privateServer.push(orderFrame(exitLink, "Sell", "Filled", "0.000155", "0.000155", "UNKNOWN", "EC_NoError"));
        chain.watermark(2);
        assertThat(chain.count("SELECT count(*) FROM trades WHERE NOT paper")).isEqualTo(1);
        assertThat(chain.count("SELECT count(*) FROM positions")).isZero();

        // A new entry with Allow Funds OFF never reaches Bybit.
        chain.send(buy("o-entry-2", 3));
        chain.watermark(3);
        assertThat(creates()).hasSize(2);
        assertThat(chain.count("SELECT count(*) FROM fills WHERE paper")).isEqualTo(1);
    }

    @Test
    void aTimeoutAfterBybitAcceptedIsLookedUpNotResent() {
        BybitSpotVenue venue = venue(Duration.ofMillis(500));
        String link = OrderLinkIds.of("o-slow");
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack(link)).withFixedDelay(1_500)));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(realtime(link, "New", "0"))));
        deployRouter(venue, funds(true));
        Poll.until(venue::ready, "the venue ready");

        chain.send(buy("o-slow", 1));
        Poll.until(() -> WM.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v5/order/realtime"))).size() >= 1,
                "the lookup after the timeout");
        privateServer.push(execFrame(link, "ex-s", "Trade", "0.000156", "64000", "0.000000156", "BTC"));
        privateServer.push(orderFrame(link, "Buy", "Filled", "0.000156", "0.000156", "UNKNOWN", "EC_NoError"));
        chain.watermark(1);
        // WireMock journals the delayed create only once its (late) answer has gone out.
        Poll.until(() -> creates().size() >= 1, "the delayed create in the journal");
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(creates()).hasSize(1);
        assertThat(chain.count("SELECT count(*) FROM fills WHERE NOT paper")).isEqualTo(1);
    }

    @Test
    void aRestartMidOrderIsReconciledOverRestAndBookedOnce() {
        BybitSpotVenue venue = venue(Duration.ofSeconds(5));
        String link = OrderLinkIds.of("o-restart");
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack(link))));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(realtime(link, "New", "0"))));
        WM.stubFor(get(urlPathEqualTo("/v5/execution/list")).willReturn(okJson(EMPTY_LIST)));
        deployRouter(venue, funds(true));
        Poll.until(venue::ready, "the venue ready");
        chain.send(buy("o-restart", 1));
        Poll.until(() -> creates().size() == 1, "the create");
        chain.watermark(1);                                        // the hold runs out; the order is still open
        vertx.undeploy(execDeployment).await();               // the router goes down (the venue with it)

        // Meanwhile Bybit fills it; the stream's pushes are lost. The restarted router finds it over REST.
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(realtime(link, "Filled", "0.000156"))));
        WM.stubFor(get(urlPathEqualTo("/v5/execution/list")).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"category\":\"spot\",\"nextPageCursor\":\"\",\"list\":[{\"symbol\":\"BTCUSDT\",\"orderId\":\"b-1\",\"orderLinkId\":\""
                + link + "\",\"side\":\"Buy\",\"execId\":\"ex-r\",\"execType\":\"Trade\",\"execQty\":\"0.000156\",\"execPrice\":\"64000\","
                + "\"execFee\":\"0.000000156\",\"feeCurrency\":\"BTC\",\"isMaker\":false,\"execTime\":\"" + System.currentTimeMillis()
                + "\"}]},\"time\":0}")));
        deployRouter(venue(Duration.ofSeconds(5)), funds(true));
        Poll.until(() -> chain.count("SELECT count(*) FROM live_orders WHERE status = 'FILLED'") == 1, "reconciliation");
        // The recovered fill books at the next watermark the portfolio sees after it arrives.
        long seq = 2;
        do {
            chain.watermark(seq++);
        } while (chain.count("SELECT count(*) FROM fills WHERE id = 'o-restart-live'") == 0 && seq < 50);
        chain.watermark(seq);
        assertThat(chain.count("SELECT count(*) FROM fills WHERE id = 'o-restart-live'")).isEqualTo(1);
        assertThat(chain.count("SELECT count(*) FROM audit_log WHERE what LIKE '%recovered%'")).isEqualTo(1);
        assertThat(creates()).hasSize(1);
    }

    @Test
    void aRejectedKeyDisablesTheVenueAndEntriesStayOnPaper() {
        WM.stubFor(get(urlPathEqualTo("/v5/market/time")).atPriority(2).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"timeSecond\":\"" + System.currentTimeMillis() / 1000 + "\",\"timeNano\":\"0\"},\"time\":0}")));
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(
                "{\"retCode\":10003,\"retMsg\":\"API key is invalid.\",\"result\":{},\"time\":0}")));
        BybitSpotVenue venue = venue(Duration.ofSeconds(5));
        deployRouter(venue, funds(true));
        Poll.until(venue::ready, "the venue ready");
        chain.send(buy("o-k1", 1));
        chain.watermark(1);
        // The key was refused: recorded with the reason, the venue is not ready any more.
        assertThat(db.pool().query("SELECT reason FROM orders WHERE id = 'o-k1'").execute().await().iterator().next().getString(0))
                .contains("10003");
        assertThat(venue.ready()).isFalse();
        assertThat(venue.status()).contains("DISABLED");
        chain.send(buy("o-k2", 2));
        chain.watermark(2);
        assertThat(creates()).hasSize(1);                      // no more requests with a refused key
        assertThat(chain.count("SELECT count(*) FROM fills WHERE order_id = 'o-k2' AND paper")).isEqualTo(1);
    }
}
