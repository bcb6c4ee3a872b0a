package dev.meridian.exchange.bybit;

import dev.meridian.testing.Poll;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.config.BybitConfig;
import dev.meridian.config.Secret;
import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.LiveVenue.Event;
import dev.meridian.exchange.LiveVenue.PlaceOutcome;
import dev.meridian.exchange.LiveVenue.Placed;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderType;
import dev.meridian.exchange.bybit.fake.BadBybitSignature;
import dev.meridian.exchange.bybit.fake.FakeBybitPrivateServer;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.BybitRestSettings;
import dev.meridian.exchange.bybit.rest.BybitTradingClient;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMadeFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link BybitLinearVenue} against loopback fakes only: its signed REST client against
 * WireMock (which answers 10004 to any request whose HMAC it cannot reproduce, and no test may
 * trigger that), its private stream against {@link FakeBybitPrivateServer}. Random ports, no
 * network. Bodies and retCodes follow Bybit's V5 docs (reference §3, §4, §5).
 */
class BybitLinearVenueIT {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String KEY = FakeBybitPrivateServer.TEST_KEY;
    private static final String SECRET = FakeBybitPrivateServer.TEST_SECRET;
    private static final BadBybitSignature BAD_SIGN = new BadBybitSignature(KEY, SECRET);

    private static final String SWITCH_MODE = "/v5/position/switch-mode";
    private static final String MARGIN_MODE = "/v5/account/set-margin-mode";
    private static final String SET_LEVERAGE = "/v5/position/set-leverage";
    private static final String CREATE = "/v5/order/create";
    private static final String REALTIME = "/v5/order/realtime";

    /** BTCUSDT as Bybit lists it (values from the live instruments fixture): qty step and minimum 0.001, min notional 5. */
    private static final String INSTRUMENTS = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[{"
            + "\"symbol\":\"BTCUSDT\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\",\"baseCoin\":\"BTC\",\"quoteCoin\":\"USDT\","
            + "\"launchTime\":\"1585526400000\",\"deliveryTime\":\"0\",\"deliveryFeeRate\":\"\",\"priceScale\":\"2\","
            + "\"leverageFilter\":{\"minLeverage\":\"1\",\"maxLeverage\":\"100.00\",\"leverageStep\":\"0.01\"},"
            + "\"priceFilter\":{\"minPrice\":\"0.10\",\"maxPrice\":\"1999999.80\",\"tickSize\":\"0.10\"},"
            + "\"lotSizeFilter\":{\"maxOrderQty\":\"1190.000\",\"minOrderQty\":\"0.001\",\"qtyStep\":\"0.001\","
            + "\"postOnlyMaxOrderQty\":\"1190.000\",\"maxMktOrderQty\":\"500.000\",\"minNotionalValue\":\"5\"},"
            + "\"fundingInterval\":480,\"settleCoin\":\"USDT\"}],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":0}";

    private Vertx vertx;
    private FakeBybitPrivateServer privateServer;
    private BybitLinearVenue venue;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        WM.stubFor(requestMatching(BAD_SIGN).atPriority(1).willReturn(okJson(BadBybitSignature.ANSWER)));
        WM.stubFor(get(urlPathEqualTo("/v5/market/time")).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"timeSecond\":\"" + System.currentTimeMillis() / 1000 + "\",\"timeNano\":\"" + System.currentTimeMillis() * 1_000_000L
                + "\"},\"time\":" + System.currentTimeMillis() + "}")));
        WM.stubFor(get(urlPathEqualTo("/v5/market/instruments-info")).withQueryParam("category", equalTo("linear"))
                .willReturn(okJson(INSTRUMENTS)));
        // "Not modified" everywhere: the account is already set up as the venue wants it.
        WM.stubFor(post(urlPathEqualTo(SWITCH_MODE)).willReturn(okJson(refusal(110025, "Position mode is not modified"))));
        WM.stubFor(post(urlPathEqualTo(MARGIN_MODE)).willReturn(okJson(refusal(110026, "Cross/isolated margin mode is not modified"))));
        WM.stubFor(post(urlPathEqualTo(SET_LEVERAGE)).willReturn(okJson(refusal(110043, "Set leverage not modified"))));
        privateServer = FakeBybitPrivateServer.start(vertx).await();
    }

    @AfterEach
    void stop() {
        if (venue != null) venue.stop().await();
        WM.verify(0, requestMadeFor(BAD_SIGN));
        vertx.close().await();
    }

    private static String ok(String result) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result + ",\"retExtInfo\":{},\"time\":" + System.currentTimeMillis() + "}";
    }

    private static String refusal(int code, String msg) {
        return "{\"retCode\":" + code + ",\"retMsg\":\"" + msg + "\",\"result\":{},\"retExtInfo\":{},\"time\":" + System.currentTimeMillis() + "}";
    }

    private static String ack(String linkId) {
        return ok("{\"orderId\":\"b-" + linkId + "\",\"orderLinkId\":\"" + linkId + "\"}");
    }

    /** Starts the venue on a Vert.x context (as the router does), so its events have a context to arrive on. */
    private BybitLinearVenue startVenue(Duration restTimeout, boolean isolated) {
        URI base = URI.create("http://127.0.0.1:" + WM.getPort());
        BybitRestSettings rest = new BybitRestSettings(base, restTimeout, 4, Duration.ofMillis(20), Duration.ofSeconds(1));
        BybitTradingClient client = new BybitTradingClient(vertx, rest, KEY, Secret.of(SECRET), 5000, System::currentTimeMillis);
        venue = new BybitLinearVenue(vertx, client, new BybitMarketRest(vertx, rest, Clock.systemUTC()), privateServer.url(),
                new BybitConfig.Credentials(Secret.of(KEY), Secret.of(SECRET)), StreamOptions.defaults(), Clock.systemUTC(),
                new BybitLinearVenue.Params(Set.of("BTCUSDT"), isolated));
        venue.onEvent(events::add);
        Promise<Void> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> venue.start().onComplete(started));
        started.future().otherwiseEmpty().await();
        return venue;
    }

    private static OrderRequest entry(String linkId, String qty, String leverage) {
        return new OrderRequest(linkId, Category.LINEAR, "BTCUSDT", Side.BUY, OrderType.MARKET, new BigDecimal(qty), Optional.empty(),
                false, false, new BigDecimal("64000"), System.currentTimeMillis(), new BigDecimal(leverage));
    }

    private static List<LoggedRequest> posts(String path) {
        return WM.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static JsonObject body(LoggedRequest r) {
        return new JsonObject(r.getBodyAsString());
    }

    /** Paths of the POSTs WireMock served, oldest first. */
    private static List<String> postOrder() {
        List<ServeEvent> all = new ArrayList<>(WM.getAllServeEvents());
        java.util.Collections.reverse(all);
        return all.stream().filter(e -> e.getRequest().getMethod().getName().equals("POST"))
                .map(e -> e.getRequest().getUrl().replaceAll("\\?.*", "")).toList();
    }

    private <T extends Event> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void startSetsIsolatedMarginAndOneWayModeTakingNotModifiedAsDone() {
        startVenue(Duration.ofSeconds(5), true);

        assertThat(venue.ready()).as(venue.status()).isTrue();
        assertThat(venue.trades(dev.meridian.core.AssetClass.PERP)).isTrue();
        assertThat(venue.trades(dev.meridian.core.AssetClass.SPOT)).isFalse();
        assertThat(posts(MARGIN_MODE)).singleElement().satisfies(r ->
                assertThat(body(r)).isEqualTo(new JsonObject().put("setMarginMode", "ISOLATED_MARGIN")));
        assertThat(posts(SWITCH_MODE)).singleElement().satisfies(r -> assertThat(body(r)).isEqualTo(new JsonObject()
                .put("category", "linear").put("symbol", "BTCUSDT").put("mode", 0)));
        assertThat(privateServer.subscribedTopics()).containsExactlyInAnyOrder("order.linear", "execution.linear", "position.linear");
    }

    @Test
    void aFreshAccountIsSetUpWithPlainSuccessToo() {
        WM.stubFor(post(urlPathEqualTo(SWITCH_MODE)).atPriority(2).willReturn(okJson(ok("{}"))));
        WM.stubFor(post(urlPathEqualTo(MARGIN_MODE)).atPriority(2).willReturn(okJson(ok("{\"reasons\":[]}"))));
        startVenue(Duration.ofSeconds(5), true);
        assertThat(venue.ready()).as(venue.status()).isTrue();
    }

    @Test
    void aRefusedMarginModeLeavesTheVenueNotReadyWithBybitsReason() {
        WM.stubFor(post(urlPathEqualTo(MARGIN_MODE)).atPriority(2).willReturn(okJson("{\"retCode\":3400045,"
                + "\"retMsg\":\"Set margin mode failed\",\"result\":{\"reasons\":[{\"reasonCode\":\"3400000\","
                + "\"reasonMsg\":\"There are open orders\"}]}}")));
        startVenue(Duration.ofSeconds(5), true);

        assertThat(venue.ready()).isFalse();
        assertThat(venue.status()).contains("start failed").contains("3400045");
        assertThat(posts(SWITCH_MODE)).isEmpty();                      // nothing after a refused step
        assertThat(privateServer.acceptedCount()).isZero();
    }

    @Test
    void withoutIsolatedMarginTheAccountModeIsLeftAlone() {
        startVenue(Duration.ofSeconds(5), false);
        assertThat(venue.ready()).as(venue.status()).isTrue();
        assertThat(posts(MARGIN_MODE)).isEmpty();
        assertThat(posts(SWITCH_MODE)).hasSize(1);
    }

    @Test
    void anEntrySetsTheLeverageItCarriesFirstAndNotModifiedCountsAsSet() {
        startVenue(Duration.ofSeconds(5), true);
        String link = "perp-entry-1";
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack(link))));

        PlaceOutcome out = venue.place(entry(link, "0.0123", "7.257")).await();

        assertThat(out.kind()).as(out.reason()).isEqualTo(Placed.PLACED);
        // Fitted to BTCUSDT's filter (step 0.01, rounded down), both sides equal as one-way mode requires.
        assertThat(posts(SET_LEVERAGE)).singleElement().satisfies(r -> assertThat(body(r)).isEqualTo(new JsonObject()
                .put("category", "linear").put("symbol", "BTCUSDT").put("buyLeverage", "7.25").put("sellLeverage", "7.25")));
        List<String> order = postOrder();
        assertThat(order.indexOf(SET_LEVERAGE)).isLessThan(order.indexOf(CREATE));
        JsonObject create = body(posts(CREATE).get(0));
        assertThat(create.getString("category")).isEqualTo("linear");
        assertThat(create.getString("qty")).isEqualTo("0.012");            // down to the 0.001 step
        assertThat(create.getString("orderLinkId")).isEqualTo(link);
        assertThat(create.containsKey("reduceOnly")).isFalse();
        assertThat(create.containsKey("marketUnit")).isFalse();            // spot only

        // Too much leverage is clamped to the instrument's maximum rather than refused by Bybit.
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack("perp-entry-2"))));
        venue.place(entry("perp-entry-2", "0.01", "250")).await();
        assertThat(body(posts(SET_LEVERAGE).get(1)).getString("buyLeverage")).isEqualTo("100");
    }

    @Test
    void aLeverageBybitRefusesStopsTheEntryBeforeItIsSent() {
        startVenue(Duration.ofSeconds(5), true);
        WM.stubFor(post(urlPathEqualTo(SET_LEVERAGE)).atPriority(2).willReturn(okJson(refusal(110013,
                "Cannot set leverage due to risk limit"))));

        PlaceOutcome out = venue.place(entry("perp-entry-3", "0.01", "50")).await();

        assertThat(out.kind()).isEqualTo(Placed.REJECTED);
        assertThat(out.reason()).contains("leverage 50 not set").contains("110013");
        assertThat(posts(CREATE)).isEmpty();
    }

    @Test
    void anExitIsSentReduceOnlyAndTouchesNoLeverage() {
        startVenue(Duration.ofSeconds(5), true);
        String link = "perp-exit-1";
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack(link))));
        OrderRequest exit = new OrderRequest(link, Category.LINEAR, "BTCUSDT", Side.SELL, OrderType.MARKET, new BigDecimal("0.012"),
                Optional.empty(), false, true, new BigDecimal("64000"), System.currentTimeMillis(), new BigDecimal("7"));

        PlaceOutcome out = venue.place(exit).await();

        assertThat(out.kind()).isEqualTo(Placed.PLACED);
        assertThat(posts(SET_LEVERAGE)).isEmpty();
        assertThat(body(posts(CREATE).get(0))).isEqualTo(new JsonObject().put("category", "linear").put("symbol", "BTCUSDT")
                .put("side", "Sell").put("orderType", "Market").put("qty", "0.012").put("timeInForce", "IOC")
                .put("orderLinkId", link).put("reduceOnly", true));
    }

    @Test
    void aTenDollarOrderIsSkippedWithTheMinimumNamedAndNothingIsSent() {
        startVenue(Duration.ofSeconds(5), true);

        // $10 of BTC at 64,000 = 0.00015625 BTC; Bybit's BTCUSDT minimum is 0.001 BTC.
        PlaceOutcome out = venue.place(entry("perp-small", "0.00015625", "3")).await();

        assertThat(out.kind()).isEqualTo(Placed.SKIPPED);
        assertThat(out.reason()).contains("minOrderQty 0.001").contains("not upsized");
        assertThat(posts(SET_LEVERAGE)).isEmpty();
        assertThat(posts(CREATE)).isEmpty();
    }

    @Test
    void anAmbiguousCreateIsLookedUpByLinkIdAndSymbolNotResent() throws InterruptedException {
        startVenue(Duration.ofMillis(500), true);
        String link = "perp-slow-1";
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack(link)).withFixedDelay(1_500)));
        WM.stubFor(get(urlPathEqualTo(REALTIME)).willReturn(okJson(ok("{\"category\":\"linear\",\"nextPageCursor\":\"\","
                + "\"list\":[{\"orderId\":\"b-" + link + "\",\"orderLinkId\":\"" + link + "\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                + "\"orderStatus\":\"Filled\",\"qty\":\"0.010\",\"cumExecQty\":\"0.010\",\"avgPrice\":\"64000\",\"cumExecFee\":\"0.352\"}]}"))));

        PlaceOutcome out = venue.place(entry(link, "0.01", "5")).await();

        assertThat(out.kind()).isEqualTo(Placed.ALREADY_PLACED);
        assertThat(WM.findAll(getRequestedFor(urlPathEqualTo(REALTIME))).get(0).getUrl())
                .contains("category=linear").contains("symbol=BTCUSDT").contains("orderLinkId=" + link);
        // WireMock journals the delayed create once its late answer is out; there is still only one.
        Poll.until(() -> posts(CREATE).size() >= 1, "the delayed create in the journal");
        Thread.sleep(700);
        assertThat(posts(CREATE)).hasSize(1);
        assertThat(venue.lookup(entry(link, "0.01", "5")).await()).hasValueSatisfying(o ->
                assertThat(o.cumExecQty()).isEqualByComparingTo("0.010"));
    }

    @Test
    void fundingOnTheStreamIsAFundingFeeAndNeverAnExecution() {
        startVenue(Duration.ofSeconds(5), true);
        Poll.until(venue::ready, "the venue ready");

        // A long paying 0.01% on 640 USDT: execFee 0.064 (positive = paid), no orderLinkId.
        privateServer.push(FakeBybitPrivateServer.linearExecutionFrame("BTCUSDT", "Funding", "fund-1", "", "Sell", "0.010",
                "64000", "0.064"));
        privateServer.push(FakeBybitPrivateServer.linearExecutionFrame("BTCUSDT", "Funding", "fund-2", "", "Sell", "0.010",
                "64000", "-0.032"));
        // A fill afterwards, so the funding frames have certainly been handled when it arrives.
        privateServer.push(FakeBybitPrivateServer.linearExecutionFrame("BTCUSDT", "Trade", "ex-1", "perp-entry-9", "Buy", "0.010",
                "64000", "0.352"));
        Poll.until(() -> !eventsOf(LiveVenue.Executed.class).isEmpty(), "the trade");

        assertThat(eventsOf(LiveVenue.FundingFee.class)).containsExactly(
                new LiveVenue.FundingFee("BTCUSDT", new BigDecimal("0.064"), eventsOf(LiveVenue.FundingFee.class).get(0).timeMs(), "fund-1"),
                new LiveVenue.FundingFee("BTCUSDT", new BigDecimal("-0.032"), eventsOf(LiveVenue.FundingFee.class).get(1).timeMs(), "fund-2"));
        assertThat(eventsOf(LiveVenue.Executed.class)).singleElement().satisfies(x -> {
            assertThat(x.execution().execId()).isEqualTo("ex-1");
            assertThat(x.execution().orderLinkId()).isEqualTo("perp-entry-9");
            assertThat(x.execution().grossQty()).isEqualByComparingTo("0.010");
            assertThat(x.execution().feeInBase()).isEqualByComparingTo("0");      // linear fees are in USDT
            assertThat(x.execution().feeInQuote()).isEqualByComparingTo("0.352");
        });
    }

    @Test
    void aPositionFrameBecomesPositionRiskWithBybitsLiquidationPrice() {
        startVenue(Duration.ofSeconds(5), true);
        Poll.until(venue::ready, "the venue ready");

        privateServer.push(FakeBybitPrivateServer.positionFrame("BTCUSDT", "Sell", "0.010", "64010", "64100.5", "76500.5", "5"));
        privateServer.push(FakeBybitPrivateServer.positionFrame("BTCUSDT", "", "0", "0", "64100.5", "", "5"));
        Poll.until(() -> eventsOf(LiveVenue.PositionRisk.class).size() == 2, "two position frames");

        LiveVenue.PositionRisk shortRisk = eventsOf(LiveVenue.PositionRisk.class).get(0);
        assertThat(shortRisk.symbol()).isEqualTo("BTCUSDT");
        assertThat(shortRisk.size()).isEqualByComparingTo("-0.010");
        assertThat(shortRisk.liqPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("76500.5"));
        assertThat(shortRisk.markPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("64100.5"));
        assertThat(shortRisk.timeMs()).isPositive();
        LiveVenue.PositionRisk flat = eventsOf(LiveVenue.PositionRisk.class).get(1);
        assertThat(flat.size()).isEqualByComparingTo("0");
        assertThat(flat.liqPrice()).isEmpty();
    }

    @Test
    void theLiquidationPriceIsReadOverRestAtStartUp() {
        startVenue(Duration.ofSeconds(5), true);
        WM.stubFor(get(urlPathEqualTo("/v5/position/list")).withQueryParam("category", equalTo("linear"))
                .withQueryParam("symbol", equalTo("BTCUSDT")).willReturn(okJson(ok("{\"category\":\"linear\",\"nextPageCursor\":\"\","
                        + "\"list\":[{\"positionIdx\":0,\"riskId\":1,\"riskLimitValue\":\"2000000\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                        + "\"size\":\"0.020\",\"avgPrice\":\"63000\",\"positionValue\":\"1260\",\"tradeMode\":1,\"autoAddMargin\":0,"
                        + "\"positionStatus\":\"Normal\",\"leverage\":\"5\",\"markPrice\":\"64000.1\",\"liqPrice\":\"50700.2\","
                        + "\"bustPrice\":\"50400\",\"positionIM\":\"252\",\"positionMM\":\"6.3\",\"tpslMode\":\"Full\",\"takeProfit\":\"0\","
                        + "\"stopLoss\":\"0\",\"trailingStop\":\"0\",\"unrealisedPnl\":\"20\",\"curRealisedPnl\":\"-0.7\","
                        + "\"cumRealisedPnl\":\"-0.7\",\"adlRankIndicator\":2,\"isReduceOnly\":false,\"createdTime\":\"1718110000000\","
                        + "\"updatedTime\":\"1718110008999\",\"seq\":8172}]}"))));

        LiveVenue.PositionRisk risk = venue.positionRisk("BTCUSDT").await();

        assertThat(risk.size()).isEqualByComparingTo("0.020");
        assertThat(risk.liqPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("50700.2"));
        assertThat(risk.markPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("64000.1"));
        assertThat(risk.timeMs()).isEqualTo(1718110008999L);
    }
}
