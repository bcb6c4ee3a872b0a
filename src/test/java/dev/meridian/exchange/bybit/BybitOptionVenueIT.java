package dev.meridian.exchange.bybit;

import dev.meridian.testing.Poll;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.config.BybitConfig;
import dev.meridian.config.Secret;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.LiveVenue.Event;
import dev.meridian.exchange.LiveVenue.PlaceOutcome;
import dev.meridian.exchange.LiveVenue.Placed;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * The real {@link BybitOptionVenue} against loopback fakes only: signed REST against WireMock
 * (10004 to any request whose HMAC it cannot reproduce; no test may trigger it), the private stream
 * against {@link FakeBybitPrivateServer}. Random ports, no network. Bodies follow Bybit's V5
 * create-order page: category option, orderLinkId required, here always a Limit with IOC.
 */
class BybitOptionVenueIT {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String KEY = FakeBybitPrivateServer.TEST_KEY;
    private static final String SECRET = FakeBybitPrivateServer.TEST_SECRET;
    private static final BadBybitSignature BAD_SIGN = new BadBybitSignature(KEY, SECRET);
    private static final String CREATE = "/v5/order/create";
    private static final String REALTIME = "/v5/order/realtime";
    private static final String INSTRUMENTS = "/v5/market/instruments-info";
    private static final String CALL = "BTC-30JAN26-90000-C";

    private Vertx vertx;
    private FakeBybitPrivateServer privateServer;
    private BybitOptionVenue venue;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        WM.stubFor(requestMatching(BAD_SIGN).atPriority(1).willReturn(okJson(BadBybitSignature.ANSWER)));
        WM.stubFor(get(urlPathEqualTo("/v5/market/time")).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{"
                + "\"timeSecond\":\"" + System.currentTimeMillis() / 1000 + "\",\"timeNano\":\"" + System.currentTimeMillis() * 1_000_000L
                + "\"},\"time\":" + System.currentTimeMillis() + "}")));
        // Tick 5, qty step and minimum 0.01 contracts, as Bybit lists its BTC options.
        WM.stubFor(get(urlPathEqualTo(INSTRUMENTS)).withQueryParam("category", equalTo("option"))
                .withQueryParam("baseCoin", equalTo("BTC")).willReturn(okJson(resource("/bybit-rest/option-chain-instruments.json"))));
        privateServer = FakeBybitPrivateServer.start(vertx).await();
    }

    @AfterEach
    void stop() {
        if (venue != null) venue.stop().await();
        WM.verify(0, requestMadeFor(BAD_SIGN));
        vertx.close().await();
    }

    private static String resource(String name) {
        try (InputStream in = BybitOptionVenueIT.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ok(String result) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result + ",\"retExtInfo\":{},\"time\":" + System.currentTimeMillis() + "}";
    }

    private static String ack(String linkId) {
        return ok("{\"orderId\":\"b-" + linkId + "\",\"orderLinkId\":\"" + linkId + "\"}");
    }

    private BybitOptionVenue startVenue(Duration restTimeout) {
        URI base = URI.create("http://127.0.0.1:" + WM.getPort());
        BybitRestSettings rest = new BybitRestSettings(base, restTimeout, 4, Duration.ofMillis(20), Duration.ofSeconds(1));
        BybitTradingClient client = new BybitTradingClient(vertx, rest, KEY, Secret.of(SECRET), 5000, System::currentTimeMillis);
        venue = new BybitOptionVenue(vertx, client, new BybitMarketRest(vertx, rest, Clock.systemUTC()), privateServer.url(),
                new BybitConfig.Credentials(Secret.of(KEY), Secret.of(SECRET)), StreamOptions.defaults(), Clock.systemUTC(),
                new BybitOptionVenue.Params(Set.of("BTC")));
        venue.onEvent(events::add);
        Promise<Void> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> venue.start().onComplete(started));
        started.future().otherwiseEmpty().await();
        return venue;
    }

    private static OrderRequest buy(String linkId, String qty, String price) {
        return OrderRequest.limitIoc(linkId, Category.OPTION, CALL, Side.BUY, new BigDecimal(qty), new BigDecimal(price),
                new BigDecimal(price), System.currentTimeMillis());
    }

    private static List<LoggedRequest> creates() {
        return WM.findAll(postRequestedFor(urlPathEqualTo(CREATE)));
    }

    private <T extends Event> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void startLoadsTheOptionListingAndSubscribesTheOptionTopicsOnly() {
        startVenue(Duration.ofSeconds(5));

        assertThat(venue.ready()).as(venue.status()).isTrue();
        assertThat(venue.trades(AssetClass.OPTIONS)).isTrue();
        assertThat(venue.trades(AssetClass.PERP)).isFalse();
        assertThat(privateServer.subscribedTopics()).containsExactlyInAnyOrder("order.option", "execution.option");
    }

    @Test
    void anOptionOrderIsAnIocLimitWithItsOrderLinkIdOnTheStepAndTick() {
        startVenue(Duration.ofSeconds(5));
        String link = "pkg1-L0";
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack(link))));

        PlaceOutcome out = venue.place(buy(link, "0.127", "5303")).await();

        assertThat(out.kind()).as(out.reason()).isEqualTo(Placed.PLACED);
        // qty down to the 0.01 step, a BUY's price down to the 5 tick (never worse than asked), IOC, no reduceOnly.
        assertThat(new JsonObject(creates().get(0).getBodyAsString())).isEqualTo(new JsonObject().put("category", "option")
                .put("symbol", CALL).put("side", "Buy").put("orderType", "Limit").put("qty", "0.12").put("price", "5300")
                .put("timeInForce", "IOC").put("orderLinkId", link));

        // A closing order carries reduceOnly, which Bybit accepts on options; a SELL's price rounds up.
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack("pkg1-U0"))));
        OrderRequest close = OrderRequest.limitIoc("pkg1-U0", Category.OPTION, CALL, Side.SELL, new BigDecimal("0.12"),
                new BigDecimal("4201"), new BigDecimal("4201"), System.currentTimeMillis()).asReduceOnly();
        assertThat(venue.place(close).await().kind()).isEqualTo(Placed.PLACED);
        JsonObject body = new JsonObject(creates().get(1).getBodyAsString());
        assertThat(body.getString("price")).isEqualTo("4205");
        assertThat(body.getString("timeInForce")).isEqualTo("IOC");
        assertThat(body.getBoolean("reduceOnly")).isTrue();
    }

    @Test
    void belowTheMinimumQtyIsSkippedWithTheMinimumNamedAndNothingIsSent() {
        startVenue(Duration.ofSeconds(5));

        PlaceOutcome out = venue.place(buy("pkg2-L0", "0.009", "5300")).await();

        assertThat(out.kind()).isEqualTo(Placed.SKIPPED);
        assertThat(out.reason()).contains("minOrderQty 0.01").contains("not upsized");
        assertThat(creates()).isEmpty();
    }

    @Test
    void aMarketOrAGtcRequestIsSkippedRatherThanPricedHere() {
        startVenue(Duration.ofSeconds(5));

        OrderRequest market = OrderRequest.market("pkg3-L0", Category.OPTION, CALL, Side.BUY, new BigDecimal("0.1"),
                new BigDecimal("5300"), System.currentTimeMillis());
        OrderRequest gtc = new OrderRequest("pkg3-L1", Category.OPTION, CALL, Side.BUY, dev.meridian.exchange.OrderType.LIMIT,
                new BigDecimal("0.1"), java.util.Optional.of(new BigDecimal("5300")), false, false, new BigDecimal("5300"),
                System.currentTimeMillis());

        for (OrderRequest r : List.of(market, gtc)) {
            PlaceOutcome out = venue.place(r).await();
            assertThat(out.kind()).isEqualTo(Placed.SKIPPED);
            assertThat(out.reason()).contains("IOC limit");
        }
        assertThat(creates()).isEmpty();
    }

    @Test
    void aSymbolListedAfterStartIsLookedUpOnceMoreBeforeItIsSkipped() {
        startVenue(Duration.ofSeconds(5));
        int listed = WM.findAll(getRequestedFor(urlPathEqualTo(INSTRUMENTS))).size();

        OrderRequest r = OrderRequest.limitIoc("pkg4-L0", Category.OPTION, "BTC-27FEB26-95000-C", Side.BUY, new BigDecimal("0.1"),
                new BigDecimal("7000"), new BigDecimal("7000"), System.currentTimeMillis());
        PlaceOutcome out = venue.place(r).await();

        assertThat(out.kind()).isEqualTo(Placed.SKIPPED);
        assertThat(out.reason()).contains("no option instrument BTC-27FEB26-95000-C");
        assertThat(WM.findAll(getRequestedFor(urlPathEqualTo(INSTRUMENTS)))).hasSize(listed + 1);
        assertThat(creates()).isEmpty();
    }

    @Test
    void aTimedOutCreateIsLookedUpByLinkIdAndSymbolNotResent() throws InterruptedException {
        startVenue(Duration.ofMillis(500));
        String link = "pkg5-L0";
        WM.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(ack(link)).withFixedDelay(1_500)));
        WM.stubFor(get(urlPathEqualTo(REALTIME)).willReturn(okJson(ok("{\"category\":\"option\",\"nextPageCursor\":\"\","
                + "\"list\":[{\"orderId\":\"b-" + link + "\",\"orderLinkId\":\"" + link + "\",\"symbol\":\"" + CALL + "\","
                + "\"side\":\"Buy\",\"orderStatus\":\"Filled\",\"qty\":\"0.10\",\"cumExecQty\":\"0.10\",\"avgPrice\":\"5300\","
                + "\"cumExecFee\":\"1.41\"}]}"))));

        PlaceOutcome out = venue.place(buy(link, "0.10", "5300")).await();

        assertThat(out.kind()).as(out.reason()).isEqualTo(Placed.ALREADY_PLACED);
        assertThat(WM.findAll(getRequestedFor(urlPathEqualTo(REALTIME))).get(0).getUrl())
                .contains("category=option").contains("symbol=" + CALL).contains("orderLinkId=" + link);
        Poll.until(() -> creates().size() >= 1, "the delayed create in the journal");
        Thread.sleep(700);
        assertThat(creates()).hasSize(1);
        assertThat(venue.lookup(buy(link, "0.10", "5300")).await()).hasValueSatisfying(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.cumExecQty()).isEqualByComparingTo("0.10");
        });
    }

    @Test
    void optionFillsAndOrderUpdatesArriveFromTheStreamWithTheFeeInQuote() {
        startVenue(Duration.ofSeconds(5));
        Poll.until(venue::ready, "the venue ready");

        privateServer.push(FakeBybitPrivateServer.optionOrderFrame(CALL, "pkg6-L0", "Buy", "Cancelled", "0.20", "0.10", "5300",
                "CancelByUser"));
        privateServer.push(FakeBybitPrivateServer.optionExecutionFrame(CALL, "ox-1", "pkg6-L0", "Buy", "0.10", "5300", "1.41"));
        Poll.until(() -> !eventsOf(LiveVenue.Executed.class).isEmpty(), "the fill");

        assertThat(eventsOf(LiveVenue.OrderUpdate.class)).singleElement().satisfies(u -> {
            assertThat(u.order().orderLinkId()).isEqualTo("pkg6-L0");
            assertThat(u.order().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(u.order().cumExecQty()).isEqualByComparingTo("0.10");
        });
        assertThat(eventsOf(LiveVenue.Executed.class)).singleElement().satisfies(x -> {
            assertThat(x.execution().execId()).isEqualTo("ox-1");
            assertThat(x.execution().grossQty()).isEqualByComparingTo("0.10");
            assertThat(x.execution().price()).isEqualByComparingTo("5300");
            assertThat(x.execution().feeInBase()).isEqualByComparingTo("0");        // option fees are in the settle coin
            assertThat(x.execution().feeInQuote()).isEqualByComparingTo("1.41");
        });
    }
}
