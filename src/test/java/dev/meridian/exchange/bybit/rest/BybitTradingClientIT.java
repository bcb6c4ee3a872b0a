package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMadeFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.meridian.exchange.bybit.rest.RestFixtures.await;
import static dev.meridian.exchange.bybit.rest.RestFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.config.Secret;
import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trading client against a loopback fake Bybit that checks every private request's signature
 * the way Bybit does: it recomputes the HMAC from the raw query or raw body with the test secret
 * (independently of {@link BybitSigner}) and answers 10004 "error sign" when it differs. Each test
 * then asserts that no request hit that answer, unless it is the point of the test.
 */
class BybitTradingClientIT {
    @RegisterExtension
    static final WireMockExtension WM = RestFixtures.fakeBybit();

    private static final String KEY = "test-key";
    private static final String SECRET = "test-secret";
    private static final BadSignature BAD_SIGN = new BadSignature();
    private static final Filters BTC_SPOT = new Filters(new BigDecimal("0.01"), new BigDecimal("0.000001"),
            new BigDecimal("0.000048"), new BigDecimal("5"));
    private static final Filters BTC_PERP = new Filters(new BigDecimal("0.1"), new BigDecimal("0.001"),
            new BigDecimal("0.001"), new BigDecimal("5"));

    private static Vertx vertx;
    private final AtomicLong skew = new AtomicLong();
    private boolean badSignExpected;
    private BybitTradingClient client;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void stubSignatureCheck() {
        WM.stubFor(requestMatching(BAD_SIGN).atPriority(1)
                .willReturn(okJson(envelope(10004, "error sign! origin_string[redacted]", "{}"))));
        client = client(SECRET);
    }

    @AfterEach
    void everyRequestWasValidlySigned() {
        client.close();
        if (!badSignExpected) WM.verify(0, requestMadeFor(BAD_SIGN));
    }

    /** A generous timeout: on a cold, shared machine the first request can take a while. */
    private BybitTradingClient client(String secret) {
        return client(secret, Duration.ofSeconds(5));
    }

    private BybitTradingClient client(String secret, Duration timeout) {
        BybitRestSettings settings = new BybitRestSettings(URI.create("http://127.0.0.1:" + WM.getPort()),
                timeout, 4, Duration.ofMillis(20), Duration.ofSeconds(2));
        return new BybitTradingClient(vertx, settings, KEY, Secret.of(secret), 5000,
                () -> System.currentTimeMillis() + skew.get());
    }

    // ---- body fields, rounding, skips ----

    @Test
    void aLimitOrderIsSentSignedWithQtyRoundedDownAndPriceOnTheTick() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack("o-1", "perp-1"))));
        OrderRequest r = new OrderRequest("perp-1", Category.LINEAR, "BTCUSDT", Side.BUY, OrderType.LIMIT,
                new BigDecimal("0.0129"), Optional.of(new BigDecimal("65000.07")), true, true, new BigDecimal("65000"), 0);

        PlaceResult result = await(client.place(r, BTC_PERP));

        assertThat(result).isEqualTo(new PlaceResult.Placed("o-1"));
        List<LoggedRequest> creates = requests(RequestMethod.POST, "/v5/order/create");
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).getBodyAsString()).isEqualTo("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\","
                + "\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.012\",\"price\":\"65000.0\","
                + "\"timeInForce\":\"PostOnly\",\"orderLinkId\":\"perp-1\",\"reduceOnly\":true}");
        assertThat(creates.get(0).getHeader("X-BAPI-API-KEY")).isEqualTo(KEY);
        assertThat(creates.get(0).getHeader("X-BAPI-RECV-WINDOW")).isEqualTo("5000");
        assertThat(creates.get(0).getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aPlainLimitSellIsGtcWithItsPriceRoundedUp() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack("o-2", "perp-2"))));
        OrderRequest r = new OrderRequest("perp-2", Category.LINEAR, "BTCUSDT", Side.SELL, OrderType.LIMIT,
                new BigDecimal("0.5"), Optional.of(new BigDecimal("65000.01")), false, false, new BigDecimal("65000"), 0);

        assertThat(await(client.place(r, BTC_PERP)).kind()).isEqualTo(PlaceResult.Kind.PLACED);
        JsonObject body = new JsonObject(requests(RequestMethod.POST, "/v5/order/create").get(0).getBodyAsString());
        assertThat(body.getString("price")).isEqualTo("65000.1");
        assertThat(body.getString("qty")).isEqualTo("0.500");
        assertThat(body.getString("timeInForce")).isEqualTo("GTC");
        assertThat(body.containsKey("reduceOnly")).isFalse();
    }

    @Test
    void aSpotMarketBuyStatesItsQtyInBaseCoin() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(ack("o-3", "spot-1"))));
        OrderRequest r = OrderRequest.market("spot-1", Category.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.00123456789"),
                new BigDecimal("65000"), 0);

        assertThat(await(client.place(r, BTC_SPOT))).isEqualTo(new PlaceResult.Placed("o-3"));
        assertThat(requests(RequestMethod.POST, "/v5/order/create").get(0).getBodyAsString())
                .isEqualTo("{\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Market\","
                        + "\"qty\":\"0.001234\",\"timeInForce\":\"IOC\",\"orderLinkId\":\"spot-1\",\"marketUnit\":\"baseCoin\"}");
    }

    @Test
    void anOrderBelowMinOrderAmtIsNotSent() throws Exception {
        // 0.00007 BTC at 65000 is 4.55 USDT, under the 5 USDT minimum.
        OrderRequest r = OrderRequest.market("spot-2", Category.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.00007"),
                new BigDecimal("65000"), 0);

        PlaceResult result = await(client.place(r, BTC_SPOT));

        assertThat(result).isEqualTo(new PlaceResult.Skipped("value 4.550000 < minOrderAmt 5"));
        assertThat(WM.getAllServeEvents()).isEmpty();
    }

    // ---- fault matrix ----

    @Test
    void aTimeoutAfterBybitAcceptedTheOrderIsResolvedByLookupWithoutResending() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create"))
                .willReturn(okJson(ack("o-9", "slow-1")).withFixedDelay(2_000)));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime"))
                .willReturn(okJson(orders(order("o-9", "slow-1", "New")))));
        client.close();
        client = client(SECRET, Duration.ofMillis(400));

        PlaceResult result = await(client.place(limitBuy("slow-1"), BTC_PERP));

        assertThat(result).isEqualTo(new PlaceResult.AlreadyPlaced(Optional.of("o-9")));
        assertThat(requests(RequestMethod.POST, "/v5/order/create")).hasSize(1);
        List<LoggedRequest> lookups = requests(RequestMethod.GET, "/v5/order/realtime");
        assertThat(lookups).hasSize(1);
        assertThat(lookups.get(0).getUrl()).isEqualTo("/v5/order/realtime?category=linear&symbol=BTCUSDT&orderLinkId=slow-1");
    }

    @Test
    void retCode10006IsRetriedOnlyAfterTheResetTimestamp() throws Exception {
        long resetAt = System.currentTimeMillis() + 400;
        failOnceThenAck(okJson(envelope(10006, "Too many visits!", "{}"))
                .withHeader("X-Bapi-Limit-Status", "0")
                .withHeader("X-Bapi-Limit-Reset-Timestamp", Long.toString(resetAt)), "o-4", "rl-1");

        PlaceResult result = await(client.place(limitBuy("rl-1"), BTC_PERP));

        assertThat(result).isEqualTo(new PlaceResult.Placed("o-4"));
        List<LoggedRequest> creates = requests(RequestMethod.POST, "/v5/order/create");
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).getLoggedDate().getTime()).isGreaterThanOrEqualTo(resetAt - 5);
        // A 10006 was refused before execution: nothing to look up.
        assertThat(requests(RequestMethod.GET, "/v5/order/realtime")).isEmpty();
    }

    @Test
    void retCode10002ResyncsTheClockThenSucceeds() throws Exception {
        long serverAhead = 3_000;
        long serverNow = System.currentTimeMillis() + serverAhead;
        WM.stubFor(get(urlPathEqualTo("/v5/market/time")).willReturn(okJson(envelope(0, "OK",
                "{\"timeSecond\":\"" + serverNow / 1000 + "\",\"timeNano\":\"" + serverNow * 1_000_000 + "\"}"))));
        failOnceThenAck(okJson(envelope(10002, "invalid request, please check your server timestamp or recv_window param."
                + " req_timestamp[1],server_timestamp[2],recv_window[5000]", "{}")), "o-5", "ts-1");

        PlaceResult result = await(client.place(limitBuy("ts-1"), BTC_PERP));

        assertThat(result).isEqualTo(new PlaceResult.Placed("o-5"));
        List<LoggedRequest> creates = requests(RequestMethod.POST, "/v5/order/create");
        assertThat(creates).hasSize(2);
        assertThat(requests(RequestMethod.GET, "/v5/market/time")).hasSize(1);
        assertThat(client.offsetMs()).isBetween(serverAhead - 1_000, serverAhead + 100);
        long first = Long.parseLong(creates.get(0).getHeader("X-BAPI-TIMESTAMP"));
        long second = Long.parseLong(creates.get(1).getHeader("X-BAPI-TIMESTAMP"));
        assertThat(second - first).isGreaterThanOrEqualTo(serverAhead - 1_000);
        assertThat(requests(RequestMethod.GET, "/v5/order/realtime")).isEmpty();
    }

    @Test
    void aBurstOf5xxLooksUpBeforeEveryResendAndKeepsTheOrderLinkId() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).inScenario("burst").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")).willSetStateTo("second"));
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).inScenario("burst").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503).withBody("unavailable")).willSetStateTo("up"));
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).inScenario("burst").whenScenarioStateIs("up")
                .willReturn(okJson(ack("o-6", "burst-1"))));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(orders())));

        PlaceResult result = await(client.place(limitBuy("burst-1"), BTC_PERP));

        assertThat(result).isEqualTo(new PlaceResult.Placed("o-6"));
        assertThat(paths()).containsExactly("POST /v5/order/create", "GET /v5/order/realtime", "POST /v5/order/create",
                "GET /v5/order/realtime", "POST /v5/order/create");
        List<LoggedRequest> creates = requests(RequestMethod.POST, "/v5/order/create");
        assertThat(creates).extracting(LoggedRequest::getBodyAsString).containsOnly(creates.get(0).getBodyAsString());
        assertThat(new JsonObject(creates.get(0).getBodyAsString()).getString("orderLinkId")).isEqualTo("burst-1");
        // Re-signed each time: the timestamp moves, the body does not.
        assertThat(creates).extracting(q -> q.getHeader("X-BAPI-SIGN")).doesNotHaveDuplicates();
    }

    @Test
    void ambiguousOnEveryAttemptEndsWithALastLookupThenRetriesExhausted() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(envelope(10016, "Server error", "{}"))));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(orders())));

        Throwable e = failure(client.place(limitBuy("down-1"), BTC_PERP));

        assertThat(e).isInstanceOf(BybitRetriesExhaustedException.class);
        assertThat(requests(RequestMethod.POST, "/v5/order/create")).hasSize(4);
        assertThat(requests(RequestMethod.GET, "/v5/order/realtime")).hasSize(4);
    }

    @Test
    void whenNeitherTheCreateNorTheLookupGetsThroughTheStateIsReportedUnknownNotGuessed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        BybitTradingClient unreachable = new BybitTradingClient(vertx, new BybitRestSettings(
                URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1), 2, Duration.ofMillis(10),
                Duration.ofMillis(10)), KEY, Secret.of(SECRET), 5000, System::currentTimeMillis);

        Throwable e = failure(unreachable.place(limitBuy("dark-1"), BTC_PERP));

        assertThat(e).isExactlyInstanceOf(BybitRestException.class).hasMessageContaining("order state unknown")
                .hasCauseInstanceOf(BybitRetriesExhaustedException.class);
        unreachable.close();
    }

    @Test
    void aDuplicateOrderLinkIdAnswerMeansAlreadyPlaced() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(envelope(170141, "Duplicate clientOrderId", "{}"))));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(okJson(orders(order("o-7", "dup-1", "Filled")))));
        OrderRequest spot = new OrderRequest("dup-1", Category.SPOT, "BTCUSDT", Side.SELL, OrderType.LIMIT,
                new BigDecimal("0.001"), Optional.of(new BigDecimal("65000")), false, false, new BigDecimal("65000"), 0);

        assertThat(await(client.place(spot, BTC_SPOT))).isEqualTo(new PlaceResult.AlreadyPlaced(Optional.of("o-7")));
        assertThat(requests(RequestMethod.POST, "/v5/order/create")).hasSize(1);

        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(envelope(110072, "OrderLinkedID is duplicate", "{}"))));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).willReturn(aResponse().withStatus(404)));
        assertThat(await(client.place(limitBuy("dup-2"), BTC_PERP))).isEqualTo(new PlaceResult.AlreadyPlaced(Optional.empty()));
    }

    @Test
    void aBusinessErrorIsRejectedAndNotResent() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(envelope(110007, "ab not enough for new order", "{}"))));

        assertThat(await(client.place(limitBuy("poor-1"), BTC_PERP)))
                .isEqualTo(new PlaceResult.Rejected(110007, "ab not enough for new order"));
        assertThat(WM.getAllServeEvents()).hasSize(1);
    }

    @Test
    void retCode10003DisablesTheClientAndNothingIsSentAfterwards() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(okJson(envelope(10003, "API key is invalid.", "{}"))));

        PlaceResult first = await(client.place(limitBuy("auth-1"), BTC_PERP));

        assertThat(first).isEqualTo(new PlaceResult.Disabled("authentication failed: retCode 10003 \"API key is invalid.\""));
        assertThat(client.status().state()).isEqualTo(BybitTradingClient.Status.State.DISABLED);
        assertThat(await(client.place(limitBuy("auth-2"), BTC_PERP))).isInstanceOf(PlaceResult.Disabled.class);
        assertThat(failure(client.walletBalance())).isInstanceOf(BybitTradingUnavailableException.class)
                .hasMessageContaining("API key is invalid.");
        assertThat(failure(client.syncTime())).isInstanceOf(BybitTradingUnavailableException.class);
        assertThat(WM.getAllServeEvents()).hasSize(1);
    }

    @Test
    void http403LocksEveryRequestOutForTenMinutes() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).willReturn(aResponse().withStatus(403).withBody("access too frequent")));
        WM.stubFor(get(urlPathEqualTo("/v5/account/wallet-balance")).willReturn(okJson(wallet())));
        long before = System.currentTimeMillis();

        PlaceResult result = await(client.place(limitBuy("ban-1"), BTC_PERP));

        assertThat(result).isInstanceOf(PlaceResult.LockedOut.class);
        long until = ((PlaceResult.LockedOut) result).untilMs();
        assertThat(until).isBetween(before + BybitTradingClient.LOCKOUT_MS, System.currentTimeMillis() + BybitTradingClient.LOCKOUT_MS);
        assertThat(client.status()).isEqualTo(new BybitTradingClient.Status(BybitTradingClient.Status.State.LOCKED_OUT,
                "HTTP 403 from Bybit: IP rate limit or region block", until));
        assertThat(failure(client.walletBalance())).isInstanceOf(BybitTradingUnavailableException.class);
        assertThat(await(client.place(limitBuy("ban-2"), BTC_PERP))).isEqualTo(new PlaceResult.LockedOut(until));

        skew.set(until - System.currentTimeMillis() - 1_000);
        assertThat(failure(client.orderByLinkId(Category.SPOT, "ban-1"))).isInstanceOf(BybitTradingUnavailableException.class);
        assertThat(WM.getAllServeEvents()).hasSize(1);

        skew.set(until - System.currentTimeMillis() + 1);
        assertThat(client.status().active()).isTrue();
        assertThat(await(client.walletBalance()).totalEquity()).isEqualByComparingTo("1234.5");
        assertThat(WM.getAllServeEvents()).hasSize(2);
    }

    @Test
    void theFakeCatchesAWrongSecretAndTheClientDisablesItself() throws Exception {
        badSignExpected = true;
        BybitTradingClient wrong = client("not-the-secret");

        PlaceResult result = await(wrong.place(limitBuy("sig-1"), BTC_PERP));

        assertThat(result).isInstanceOf(PlaceResult.Disabled.class);
        assertThat(((PlaceResult.Disabled) result).reason()).contains("10004").doesNotContain("not-the-secret");
        WM.verify(1, requestMadeFor(BAD_SIGN));
        wrong.close();
    }

    @Test
    void aSpentRateLimitDelaysTheNextCallToThatEndpointUntilTheReset() throws Exception {
        long resetAt = System.currentTimeMillis() + 400;
        WM.stubFor(get(urlPathEqualTo("/v5/account/wallet-balance")).willReturn(okJson(wallet())
                .withHeader("X-Bapi-Limit-Status", "0").withHeader("X-Bapi-Limit-Reset-Timestamp", Long.toString(resetAt))));
        WM.stubFor(get(urlPathEqualTo("/v5/account/fee-rate")).willReturn(okJson(envelope(0, "OK",
                "{\"list\":[{\"symbol\":\"BTCUSDT\",\"takerFeeRate\":\"0.00055\",\"makerFeeRate\":\"0.0002\"}]}"))));

        await(client.walletBalance());
        // Another endpoint has its own budget and goes at once.
        FeeRate fee = await(client.feeRate(Category.LINEAR, "BTCUSDT"));
        await(client.walletBalance());

        assertThat(fee).isEqualTo(new FeeRate("BTCUSDT", new BigDecimal("0.0002"), new BigDecimal("0.00055")));
        List<LoggedRequest> wallets = requests(RequestMethod.GET, "/v5/account/wallet-balance");
        assertThat(wallets).hasSize(2);
        assertThat(requests(RequestMethod.GET, "/v5/account/fee-rate").get(0).getLoggedDate().getTime()).isLessThan(resetAt);
        assertThat(wallets.get(1).getLoggedDate().getTime()).isGreaterThanOrEqualTo(resetAt - 5);
    }

    // ---- reads ----

    @Test
    void openOrdersFollowTheCursorAndMapBybitStatuses() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).inScenario("pages").whenScenarioStateIs(STARTED)
                .willReturn(okJson(envelope(0, "OK", "{\"category\":\"linear\",\"nextPageCursor\":\"page%3A2\",\"list\":["
                        + order("o-1", "a", "New") + "," + order("o-2", "b", "PartiallyFilled") + "]}")))
                .willSetStateTo("last"));
        WM.stubFor(get(urlPathEqualTo("/v5/order/realtime")).inScenario("pages").whenScenarioStateIs("last")
                .willReturn(okJson(envelope(0, "OK", "{\"category\":\"linear\",\"nextPageCursor\":\"\",\"list\":["
                        + order("o-3", "", "Untriggered") + "]}"))));

        List<BybitOrder> open = await(client.openOrders(Category.LINEAR));

        assertThat(open).extracting(BybitOrder::orderId).containsExactly("o-1", "o-2", "o-3");
        assertThat(open).extracting(o -> o.status().name()).containsExactly("NEW", "PARTIALLY_FILLED", "NEW");
        BybitOrder partial = open.get(1);
        assertThat(partial.qty()).isEqualByComparingTo("0.010");
        assertThat(partial.cumExecQty()).isEqualByComparingTo("0.004");
        assertThat(partial.avgPrice()).isEqualByComparingTo("65000.5");
        assertThat(partial.cumExecFee()).isEqualByComparingTo("0.143");
        assertThat(open.get(2).orderLinkId()).isEmpty();
        assertThat(requests(RequestMethod.GET, "/v5/order/realtime")).extracting(LoggedRequest::getUrl).containsExactly(
                "/v5/order/realtime?category=linear&settleCoin=USDT&limit=50",
                "/v5/order/realtime?category=linear&settleCoin=USDT&limit=50&cursor=page%3A2");
    }

    @Test
    void orderStatusesFoldAsDocumented() {
        assertThat(List.of("New", "PartiallyFilled", "Untriggered", "Triggered", "Filled", "Cancelled",
                "PartiallyFilledCanceled", "Deactivated", "Rejected"))
                .extracting(s -> BybitTradingClient.orderStatus(s, "f").name())
                .containsExactly("NEW", "PARTIALLY_FILLED", "NEW", "NEW", "FILLED", "CANCELLED", "CANCELLED", "CANCELLED",
                        "REJECTED");
    }

    @Test
    void cancellingAnUnknownOrFinalOrderIsNotAnError() throws Exception {
        WM.stubFor(post(urlPathEqualTo("/v5/order/cancel")).inScenario("c").whenScenarioStateIs(STARTED)
                .willReturn(okJson(envelope(170213, "Order does not exist.", "{}"))).willSetStateTo("perp"));
        WM.stubFor(post(urlPathEqualTo("/v5/order/cancel")).inScenario("c").whenScenarioStateIs("perp")
                .willReturn(okJson(envelope(110001, "order not exists or too late to cancel", "{}"))).willSetStateTo("real"));
        WM.stubFor(post(urlPathEqualTo("/v5/order/cancel")).inScenario("c").whenScenarioStateIs("real")
                .willReturn(okJson(envelope(10001, "params error", "{}"))));

        await(client.cancel(Category.SPOT, "BTCUSDT", "gone-1"));
        await(client.cancel(Category.LINEAR, "BTCUSDT", "gone-2"));
        Throwable e = failure(client.cancel(Category.LINEAR, "BTCUSDT", "bad-1"));

        assertThat(e).isInstanceOfSatisfying(BybitApiException.class, a -> assertThat(a.retCode()).isEqualTo(10001));
        assertThat(requests(RequestMethod.POST, "/v5/order/cancel").get(0).getBodyAsString())
                .isEqualTo("{\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"gone-1\"}");
    }

    @Test
    void executionsKeepTradesOnlyOldestFirstWithSpotBaseFeesInTheBaseCoin() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/execution/list")).willReturn(okJson(envelope(0, "OK",
                "{\"category\":\"spot\",\"nextPageCursor\":\"\",\"list\":["
                        + exec("e-3", "Trade", "s-2", "Sell", "0.002", "65100", "0.1302", "USDT", false, 1_700_000_003_000L) + ","
                        + exec("e-2", "Funding", "", "Buy", "0.001", "65000", "0.01", "USDT", false, 1_700_000_002_000L) + ","
                        + exec("e-1", "Trade", "s-1", "Buy", "0.001", "65000", "0.000001", "BTC", true, 1_700_000_001_000L)
                        + "]}"))));

        var list = await(client.executions(Category.SPOT, 1_700_000_000_000L));

        assertThat(list).extracting(x -> x.execId()).containsExactly("e-1", "e-3");
        // The buy's fee was taken from the bought BTC: it stays in BTC (the holding is 0.000999).
        assertThat(list.get(0).feeInBase()).isEqualByComparingTo("0.000001");
        assertThat(list.get(0).fee()).isEqualByComparingTo("0");
        assertThat(list.get(0).maker()).isTrue();
        assertThat(list.get(0).orderLinkId()).isEqualTo("s-1");
        assertThat(list.get(1).fee()).isEqualByComparingTo("0.1302");
        assertThat(list.get(1).feeInBase()).isEqualByComparingTo("0");
        assertThat(list.get(1).qty()).isEqualByComparingTo("0.002");
        assertThat(list.get(1).timeMs()).isEqualTo(1_700_000_003_000L);
        assertThat(requests(RequestMethod.GET, "/v5/execution/list").get(0).getUrl())
                .isEqualTo("/v5/execution/list?category=spot&startTime=1700000000000&limit=100");
    }

    @Test
    void walletBalanceReadsTotalsAndCoinsExactly() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/account/wallet-balance")).willReturn(okJson(wallet())));

        WalletBalance w = await(client.walletBalance());

        assertThat(w.totalEquity()).isEqualByComparingTo("1234.5");
        assertThat(w.coins()).containsOnlyKeys("USDT", "BTC");
        assertThat(w.coins().get("USDT").walletBalance()).isEqualTo(new BigDecimal("1000.123456789"));
        assertThat(w.coins().get("BTC").equity()).isEqualTo(new BigDecimal("0.0035"));
        assertThat(w.coins().get("BTC").locked()).isEqualByComparingTo("0");
        assertThat(requests(RequestMethod.GET, "/v5/account/wallet-balance").get(0).getUrl())
                .isEqualTo("/v5/account/wallet-balance?accountType=UNIFIED");
    }

    // ---- fixtures ----

    private static OrderRequest limitBuy(String linkId) {
        return new OrderRequest(linkId, Category.LINEAR, "BTCUSDT", Side.BUY, OrderType.LIMIT, new BigDecimal("0.01"),
                Optional.of(new BigDecimal("65000")), false, false, new BigDecimal("65000"), 0);
    }

    private static void failOnceThenAck(ResponseDefinitionBuilder first, String orderId, String linkId) {
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).inScenario("once").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("ok"));
        WM.stubFor(post(urlPathEqualTo("/v5/order/create")).inScenario("once").whenScenarioStateIs("ok")
                .willReturn(okJson(ack(orderId, linkId))));
    }

    private static String envelope(int retCode, String retMsg, String result) {
        return new JsonObject().put("retCode", retCode).put("retMsg", retMsg).put("result", new JsonObject(result))
                .put("retExtInfo", new JsonObject()).put("time", System.currentTimeMillis()).encode();
    }

    private static String ack(String orderId, String linkId) {
        return envelope(0, "OK", "{\"orderId\":\"" + orderId + "\",\"orderLinkId\":\"" + linkId + "\"}");
    }

    private static String order(String orderId, String linkId, String status) {
        return "{\"orderId\":\"" + orderId + "\",\"orderLinkId\":\"" + linkId + "\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                + "\"orderStatus\":\"" + status + "\",\"qty\":\"0.010\",\"cumExecQty\":\"0.004\",\"avgPrice\":\"65000.5\","
                + "\"cumExecFee\":\"0.143\",\"price\":\"65000\",\"orderType\":\"Limit\",\"timeInForce\":\"GTC\"}";
    }

    private static String orders(String... list) {
        return envelope(0, "OK", "{\"category\":\"linear\",\"nextPageCursor\":\"\",\"list\":[" + String.join(",", list) + "]}");
    }

    private static String exec(String id, String type, String linkId, String side, String qty, String price, String fee,
                               String feeCurrency, boolean maker, long time) {
        return "{\"symbol\":\"BTCUSDT\",\"orderId\":\"o\",\"orderLinkId\":\"" + linkId + "\",\"side\":\"" + side + "\","
                + "\"execId\":\"" + id + "\",\"execType\":\"" + type + "\",\"execQty\":\"" + qty + "\",\"execPrice\":\""
                + price + "\",\"execFee\":\"" + fee + "\",\"feeCurrency\":\"" + feeCurrency + "\",\"isMaker\":" + maker
                + ",\"execTime\":\"" + time + "\"}";
    }

    private static String wallet() {
        return envelope(0, "OK", "{\"list\":[{\"accountType\":\"UNIFIED\",\"totalEquity\":\"1234.5\",\"coin\":["
                + "{\"coin\":\"USDT\",\"walletBalance\":\"1000.123456789\",\"equity\":\"1000.123456789\",\"locked\":\"12\"},"
                + "{\"coin\":\"BTC\",\"walletBalance\":\"0.0035\",\"equity\":\"0.0035\",\"locked\":\"\"}]}]}");
    }

    /** Requests in arrival order. */
    private static List<LoggedRequest> allRequests() {
        List<LoggedRequest> all = new ArrayList<>();
        for (ServeEvent e : WM.getAllServeEvents()) all.add(e.getRequest());
        Collections.reverse(all);
        return all;
    }

    private static List<LoggedRequest> requests(RequestMethod method, String path) {
        return allRequests().stream()
                .filter(r -> r.getMethod().equals(method) && r.getUrl().split("\\?", 2)[0].equals(path)).toList();
    }

    private static List<String> paths() {
        return allRequests().stream().map(r -> r.getMethod() + " " + r.getUrl().split("\\?", 2)[0]).toList();
    }

    /**
     * Matches a private request whose signature Bybit would refuse: headers missing, another key, or
     * an HMAC that differs from the one recomputed over the raw query (GET) or raw body (POST).
     */
    static final class BadSignature extends RequestMatcherExtension {
        @Override
        public MatchResult match(Request r, Parameters parameters) {
            if (r.getUrl().startsWith("/v5/market/")) return MatchResult.noMatch();
            return MatchResult.of(!validlySigned(r));
        }

        private static boolean validlySigned(Request r) {
            for (String h : List.of("X-BAPI-API-KEY", "X-BAPI-TIMESTAMP", "X-BAPI-SIGN", "X-BAPI-RECV-WINDOW")) {
                if (!r.containsHeader(h)) return false;
            }
            if (!KEY.equals(r.getHeader("X-BAPI-API-KEY"))) return false;
            String url = r.getUrl();
            int q = url.indexOf('?');
            String payload = r.getMethod().equals(RequestMethod.GET) ? (q < 0 ? "" : url.substring(q + 1)) : r.getBodyAsString();
            String plain = r.getHeader("X-BAPI-TIMESTAMP") + KEY + r.getHeader("X-BAPI-RECV-WINDOW") + payload;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = HexFormat.of().formatHex(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
                return expected.equals(r.getHeader("X-BAPI-SIGN"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
