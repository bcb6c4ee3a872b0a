package dev.meridian.exchange.oanda;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.config.OandaConfig;
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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.meridian.exchange.oanda.OandaFixtures.ACCOUNT;
import static dev.meridian.exchange.oanda.OandaFixtures.TIME_MS;
import static dev.meridian.exchange.oanda.OandaFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link OandaVenue} and {@link OandaRest} against WireMock on a random loopback port,
 * answering as OANDA v20 does (reference §8): placement and its events, refusals, the retry table,
 * the lookup before any resend, lookups, executions, the account summary and its currency, and the
 * reading of the account's transactions for closes the bot did not send.
 */
class OandaVenueIT {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String BASE = "/v3/accounts/" + ACCOUNT;
    private static final String SUMMARY = BASE + "/summary";
    private static final String ORDERS = BASE + "/orders";
    private static final String SINCE = BASE + "/transactions/sinceid";
    /** The summary fixture's lastTransactionID: where the transaction reading starts. */
    private static final String START_TX = "6370";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_ATTEMPTS = 3;

    private Vertx vertx;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        WM.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(okJson(OandaFixtures.summary("USD", "10245.2200", "10257.5600"))));
        // Nothing happened since the summary, unless a test says otherwise.
        WM.stubFor(get(urlPathEqualTo(SINCE)).willReturn(okJson(OandaFixtures.transactionsPage(START_TX))));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    /** A started venue whose REST attempts time out after {@code timeout}, reading transactions every {@code poll}. */
    private OandaVenue venue(Duration timeout, Duration poll) throws Exception {
        OandaRestSettings settings = new OandaRestSettings(URI.create("http://127.0.0.1:" + WM.getPort()), timeout, MAX_ATTEMPTS,
                Duration.ofMillis(10), Duration.ofMillis(100));
        OandaVenue v = new OandaVenue(vertx, new OandaRest(vertx, settings, new OandaConfig.Account(Secret.of(TOKEN), ACCOUNT)), poll);
        v.onEvent(events::add);
        await(v.start());
        return v;
    }

    /** A started venue whose REST attempts time out after {@code timeout}, reading transactions at the default pace. */
    private OandaVenue venue(Duration timeout) throws Exception {
        return venue(timeout, OandaVenue.DEFAULT_POLL_INTERVAL);
    }

    /** A started venue reading transactions every {@link #POLL}. */
    private OandaVenue pollingVenue() throws Exception {
        return venue(Duration.ofSeconds(5), POLL);
    }

    /** A generous timeout: on a cold, shared machine the first request can take a while. */
    private OandaVenue venue() throws Exception {
        return venue(Duration.ofSeconds(5));
    }

    private static OrderRequest buy(String link, String qty) {
        return OrderRequest.market(link, Category.SPOT, "EUR_USD", Side.BUY, new BigDecimal(qty), new BigDecimal("1.0872"), TIME_MS);
    }

    private static String lookupPath(String link) {
        return ORDERS + "/@" + link;
    }

    private static List<LoggedRequest> posts() {
        return WM.findAll(postRequestedFor(urlPathEqualTo(ORDERS)));
    }

    // ---- placement and its events ----

    @Test
    void aFilledMarketBuyIsDeliveredAsItsExecutionThenFilled() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(OandaFixtures.filled("6372", "6373", "buy-1", "1000", "1.08726", "0.0500"))));

        PlaceOutcome out = await(v.place(buy("buy-1", "1000").withStopLoss(new BigDecimal("1.085004"))));

        assertThat(out).isEqualTo(new PlaceOutcome(Placed.PLACED, "orderID 6372"));
        LoggedRequest sent = posts().get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        JsonObject order = new JsonObject(sent.getBodyAsString()).getJsonObject("order");
        assertThat(order.getString("type")).isEqualTo("MARKET");
        assertThat(order.getString("instrument")).isEqualTo("EUR_USD");
        assertThat(order.getString("units")).isEqualTo("1000");
        assertThat(order.getString("timeInForce")).isEqualTo("FOK");
        assertThat(order.getString("positionFill")).isEqualTo("DEFAULT");
        assertThat(order.getJsonObject("clientExtensions").getString("id")).isEqualTo("buy-1");
        assertThat(order.getJsonObject("stopLossOnFill").getMap())
                .isEqualTo(Map.of("price", "1.08501", "timeInForce", "GTC"));

        awaitEvents(2);
        assertThat(events.get(0)).isEqualTo(new LiveVenue.Executed(new LiveVenue.LiveExecution("buy-1", "oanda-" + ACCOUNT + "-6373",
                new BigDecimal("1000"), new BigDecimal("1.08726"), BigDecimal.ZERO, new BigDecimal("0.0500"), TIME_MS)));
        assertThat(events.get(1)).isEqualTo(new LiveVenue.OrderUpdate(new LiveVenue.VenueOrder("buy-1", OrderStatus.FILLED,
                new BigDecimal("1000"), "")));
    }

    @Test
    void aSellIsSentWithNegativeUnitsAndItsFillBooksAPositiveQuantity() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(201)
                .withBody(OandaFixtures.filled("6376", "6377", "sell-1", "-2500", "1.08712", "0.1250"))));
        OrderRequest sell = OrderRequest.market("sell-1", Category.SPOT, "EUR_USD", Side.SELL, new BigDecimal("2500"),
                new BigDecimal("1.0872"), TIME_MS).asReduceOnly();

        assertThat(await(v.place(sell)).kind()).isEqualTo(Placed.PLACED);

        JsonObject order = new JsonObject(posts().get(0).getBodyAsString()).getJsonObject("order");
        assertThat(order.getString("units")).isEqualTo("-2500");
        assertThat(order.getString("positionFill")).isEqualTo("REDUCE_ONLY");
        assertThat(order.containsKey("stopLossOnFill")).isFalse();
        awaitEvents(2);
        LiveVenue.LiveExecution x = ((LiveVenue.Executed) events.get(0)).execution();
        assertThat(x.grossQty()).isEqualByComparingTo("2500");
        assertThat(x.feeInQuote()).isEqualByComparingTo("0.1250");
        assertThat(((LiveVenue.OrderUpdate) events.get(1)).order().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aFokOrderOandaCancelsEndsCancelledWithItsReasonAndNoExecution() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(201)
                .withBody(OandaFixtures.cancelled("6378", "6379", "fok-1", "1000", "MARKET_HALTED"))));

        assertThat(await(v.place(buy("fok-1", "1000"))).kind()).isEqualTo(Placed.PLACED);

        awaitEvents(1);
        Thread.sleep(100);
        assertThat(events).containsExactly(new LiveVenue.OrderUpdate(new LiveVenue.VenueOrder("fok-1", OrderStatus.CANCELLED,
                BigDecimal.ZERO, "MARKET_HALTED")));
    }

    // ---- refusals ----

    @Test
    void a400IsARejectionWithOandasReason() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errorMessage\":\"Invalid value specified for 'order.instrument'\"}")));
        assertThat(await(v.place(buy("bad-1", "1000"))))
                .isEqualTo(new PlaceOutcome(Placed.REJECTED, "Invalid value specified for 'order.instrument'"));

        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(400)
                .withBody(OandaFixtures.rejected("bad-2", "INSUFFICIENT_MARGIN", "Insufficient margin to place the order"))));
        assertThat(await(v.place(buy("bad-2", "1000"))))
                .isEqualTo(new PlaceOutcome(Placed.REJECTED, "INSUFFICIENT_MARGIN: Insufficient margin to place the order"));
        assertThat(posts()).hasSize(2);
        assertThat(v.ready()).as("a refused order says nothing about the venue").isTrue();
    }

    @Test
    void aFractionalQuantityIsRejectedWithoutSendingAnything() throws Exception {
        OandaVenue v = venue();
        assertThat(await(v.place(buy("frac-1", "1000.5"))))
                .isEqualTo(new PlaceOutcome(Placed.REJECTED, "OANDA trades whole units; qty 1000.5 is fractional"));
        assertThat(posts()).isEmpty();
    }

    @Test
    void aTokenRejectedAtStartLeavesTheVenueNotReadyWithoutFailingStartAndSendsNoOrder() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errorMessage\":\"Insufficient authorization to perform request.\"}")));
        OandaVenue v = venue();

        assertThat(v.ready()).isFalse();
        assertThat(v.status()).isEqualTo("OANDA rejected the token (401)");
        assertThat(await(v.place(buy("after-401", "1000")))).isEqualTo(new PlaceOutcome(Placed.DISABLED, "OANDA rejected the token (401)"));
        assertThat(posts()).isEmpty();
    }

    @Test
    void aTokenRejectedOnAnOrderMakesTheVenueNotReadyAndSaysSo() throws Exception {
        OandaVenue v = venue();
        assertThat(v.ready()).isTrue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errorMessage\":\"Insufficient authorization to perform request.\"}")));

        assertThat(await(v.place(buy("401-1", "1000")))).isEqualTo(new PlaceOutcome(Placed.DISABLED, "OANDA rejected the token (401)"));

        assertThat(v.ready()).isFalse();
        assertThat(v.status()).isEqualTo("OANDA rejected the token (401)");
        awaitEvents(1);
        assertThat(events).containsExactly(new LiveVenue.StatusChanged(false, "OANDA rejected the token (401)"));
        // Nothing more goes out with a rejected token, not even a read.
        int before = WM.getAllServeEvents().size();
        assertThat(failure(v.lookup(buy("401-1", "1000")))).isInstanceOf(OandaCredentialsRejectedException.class);
        assertThat(WM.getAllServeEvents()).hasSize(before);
    }

    // ---- the retry table ----

    @Test
    void a429IsResentWithoutALookupAndPlacedOnce() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withBody("{\"errorMessage\":\"Rate limit violation\"}"))
                .willSetStateTo("calm"));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("429").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withBody(OandaFixtures.filled("6381", "6382", "rl-1", "1000", "1.08726", "0"))));

        assertThat(await(v.place(buy("rl-1", "1000")))).isEqualTo(new PlaceOutcome(Placed.PLACED, "orderID 6381"));
        assertThat(posts()).hasSize(2);
        assertThat(posts().get(1).getBodyAsString()).isEqualTo(posts().get(0).getBodyAsString());
        // A 429 is refused before execution: no lookup is needed.
        WM.verify(0, getRequestedFor(urlPathEqualTo(lookupPath("rl-1"))));
    }

    @Test
    void a503IsLookedUpAndResentOnlyWhenOandaDoesNotHaveTheOrder() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("503").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("upstream unavailable")).willSetStateTo("up"));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("503").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody(OandaFixtures.filled("6383", "6384", "5xx-1", "1000", "1.08726", "0"))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("5xx-1"))).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorCode\":\"NO_SUCH_ORDER\",\"errorMessage\":\"The order specified does not exist\"}")));

        assertThat(await(v.place(buy("5xx-1", "1000")))).isEqualTo(new PlaceOutcome(Placed.PLACED, "orderID 6383"));
        assertThat(posts()).hasSize(2);
        WM.verify(1, getRequestedFor(urlPathEqualTo(lookupPath("5xx-1"))));
    }

    @Test
    void aTimedOutOrderThatOandaHoldsIsAlreadyPlacedAfterExactlyOnePostAndItsFillIsDelivered() throws Exception {
        OandaVenue v = venue(Duration.ofMillis(400));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(201).withFixedDelay(2_000)
                .withBody(OandaFixtures.filled("6385", "6386", "slow-1", "1000", "1.08726", "0.0500"))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("slow-1"))).willReturn(okJson(OandaFixtures.order("6385", "slow-1", "FILLED", "1000", "6386"))));
        WM.stubFor(get(urlPathEqualTo(BASE + "/transactions/6386"))
                .willReturn(okJson(OandaFixtures.transaction("6386", "6385", "slow-1", "1000", "1.08726", "0.0500"))));

        PlaceOutcome out = await(v.place(buy("slow-1", "1000")));

        assertThat(out.kind()).isEqualTo(Placed.ALREADY_PLACED);
        assertThat(out.reason()).startsWith("found by client id after an ambiguous attempt (no response data within 400 ms");
        WM.verify(1, postRequestedFor(urlPathEqualTo(ORDERS)));
        WM.verify(getRequestedFor(urlPathEqualTo(lookupPath("slow-1"))).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        // The order's fill is read back and delivered as if the 201 had arrived.
        awaitEvents(2);
        assertThat(((LiveVenue.Executed) events.get(0)).execution().execId()).isEqualTo("oanda-" + ACCOUNT + "-6386");
        assertThat(events.get(1)).isEqualTo(new LiveVenue.OrderUpdate(new LiveVenue.VenueOrder("slow-1", OrderStatus.FILLED,
                new BigDecimal("1000"), "FILLED")));
        WM.verify(1, postRequestedFor(urlPathEqualTo(ORDERS)));
    }

    @Test
    void aTimedOutOrderThatOandaDoesNotHoldIsResentOnce() throws Exception {
        OandaVenue v = venue(Duration.ofMillis(400));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("lost").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("second"));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("lost").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(201).withBody(OandaFixtures.filled("6387", "6388", "lost-1", "1000", "1.08726", "0"))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("lost-1"))).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessage\":\"The order specified does not exist\"}")));

        assertThat(await(v.place(buy("lost-1", "1000")))).isEqualTo(new PlaceOutcome(Placed.PLACED, "orderID 6387"));
        assertThat(posts()).hasSize(2);
        assertThat(posts().get(1).getBodyAsString()).as("the resend is the same order").isEqualTo(posts().get(0).getBodyAsString());
        WM.verify(1, getRequestedFor(urlPathEqualTo(lookupPath("lost-1"))));
    }

    @Test
    void aDelayedPostThenANotFoundLookupIsResentOnce() throws Exception {
        OandaVenue v = venue(Duration.ofMillis(400));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withFixedDelay(2_000)).willSetStateTo("second"));
        WM.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("slow").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(201).withBody(OandaFixtures.filled("6389", "6390", "slow-2", "1000", "1.08726", "0"))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("slow-2"))).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessage\":\"The order specified does not exist\"}")));

        assertThat(await(v.place(buy("slow-2", "1000"))).kind()).isEqualTo(Placed.PLACED);
        assertThat(posts()).hasSize(2);
        WM.verify(1, getRequestedFor(urlPathEqualTo(lookupPath("slow-2"))));
    }

    @Test
    void whenEveryAttemptIsAmbiguousThePlacementIsUnresolvedAfterMaxAttemptsPosts() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        WM.stubFor(get(urlPathEqualTo(lookupPath("down-1"))).willReturn(aResponse().withStatus(404).withBody("{}")));

        Throwable t = failure(v.place(buy("down-1", "1000")));

        assertThat(t).isInstanceOf(OandaRetriesExhaustedException.class).hasMessageContaining("HTTP 502");
        assertThat(posts()).hasSize(MAX_ATTEMPTS);
        WM.verify(MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo(lookupPath("down-1"))));
    }

    @Test
    void aClientIdOandaAlreadyHasIsAlreadyPlaced() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(400)
                .withBody(OandaFixtures.rejected("dup-1", "CLIENT_ORDER_ID_ALREADY_EXISTS", "The client order ID specified is already in use"))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("dup-1"))).willReturn(okJson(OandaFixtures.order("6391", "dup-1", "PENDING", "1000", null))));

        assertThat(await(v.place(buy("dup-1", "1000")))).isEqualTo(new PlaceOutcome(Placed.ALREADY_PLACED, "CLIENT_ORDER_ID_ALREADY_EXISTS"));
        assertThat(posts()).hasSize(1);
        awaitEvents(1);
        assertThat(events).containsExactly(new LiveVenue.OrderUpdate(new LiveVenue.VenueOrder("dup-1", OrderStatus.NEW, BigDecimal.ZERO,
                "PENDING")));
    }

    // ---- lookups and executions ----

    @Test
    void lookupMapsOandasStatesAndExecutionsReadTheFillingTransaction() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(get(urlPathEqualTo(lookupPath("done-1"))).willReturn(okJson(OandaFixtures.order("6392", "done-1", "FILLED", "-3000", "6393"))));
        WM.stubFor(get(urlPathEqualTo(BASE + "/transactions/6393"))
                .willReturn(okJson(OandaFixtures.transaction("6393", "6392", "done-1", "-3000", "1.08711", "0.1500"))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("gone-1"))).willReturn(okJson(OandaFixtures.order("6394", "gone-1", "CANCELLED", "1000", null))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("rest-1"))).willReturn(okJson(OandaFixtures.order("6395", "rest-1", "PENDING", "1000", null))));
        WM.stubFor(get(urlPathEqualTo(lookupPath("none-1"))).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessage\":\"The order specified does not exist\"}")));

        assertThat(await(v.lookup(buy("done-1", "3000")))).contains(new LiveVenue.VenueOrder("done-1", OrderStatus.FILLED,
                new BigDecimal("3000"), "FILLED"));
        assertThat(await(v.executions(buy("done-1", "3000")))).containsExactly(new LiveVenue.LiveExecution("done-1",
                "oanda-" + ACCOUNT + "-6393", new BigDecimal("3000"), new BigDecimal("1.08711"), BigDecimal.ZERO,
                new BigDecimal("0.1500"), TIME_MS));
        assertThat(await(v.lookup(buy("gone-1", "1000")))).contains(new LiveVenue.VenueOrder("gone-1", OrderStatus.CANCELLED,
                BigDecimal.ZERO, "CANCELLED (transaction 6399)"));
        assertThat(await(v.executions(buy("gone-1", "1000")))).isEmpty();
        assertThat(await(v.lookup(buy("rest-1", "1000")))).contains(new LiveVenue.VenueOrder("rest-1", OrderStatus.NEW,
                BigDecimal.ZERO, "PENDING"));
        assertThat(await(v.lookup(buy("none-1", "1000")))).isEmpty();
        assertThat(await(v.executions(buy("none-1", "1000")))).isEmpty();
    }

    @Test
    void openOrdersAreThePendingOnesExceptStopsThatBelongToATrade() throws Exception {
        OandaVenue v = venue();
        WM.stubFor(get(urlPathEqualTo(BASE + "/pendingOrders")).willReturn(okJson("""
                {"orders":[
                 {"id":"6396","createTime":"2024-05-14T09:30:01.123456789Z","type":"LIMIT","instrument":"EUR_USD","units":"1000",
                  "price":"1.08000","timeInForce":"GTC","positionFill":"DEFAULT","state":"PENDING","clientExtensions":{"id":"lim-1"}},
                 {"id":"6397","createTime":"2024-05-14T09:30:01.123456789Z","type":"STOP_LOSS","tradeID":"6373","price":"1.08501",
                  "timeInForce":"GTC","state":"PENDING"},
                 {"id":"6398","createTime":"2024-05-14T09:30:01.123456789Z","type":"LIMIT","instrument":"USD_JPY","units":"-500",
                  "price":"156.000","timeInForce":"GTC","positionFill":"DEFAULT","state":"PENDING"}],
                 "lastTransactionID":"6400"}""")));

        assertThat(await(v.openOrders())).containsExactly(
                new LiveVenue.VenueOrder("lim-1", OrderStatus.NEW, BigDecimal.ZERO, "LIMIT"),
                new LiveVenue.VenueOrder("oanda-order-6398", OrderStatus.NEW, BigDecimal.ZERO, "LIMIT"));
    }

    // ---- account ----

    @Test
    void theAccountSummaryIsReadAtStartAndNavIsTheForexBalance() throws Exception {
        OandaVenue v = venue();
        assertThat(v.ready()).isTrue();
        assertThat(v.status()).isEqualTo("ready (account " + ACCOUNT + ", USD)");
        assertThat(v.name()).isEqualTo("oanda");
        assertThat(v.trades(AssetClass.FOREX)).isTrue();
        assertThat(v.trades(AssetClass.SPOT)).isFalse();
        assertThat(v.summary()).contains(new OandaAccountSummary(ACCOUNT, "USD", new BigDecimal("10245.2200"),
                new BigDecimal("10257.5600"), new BigDecimal("12.3400"), new BigDecimal("43.5000"), new BigDecimal("10214.3300"), 1,
                6370L));
        assertThat(v.venueOf()).isEqualTo(Map.of(AssetClass.FOREX, "oanda"));
        WM.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(okJson(OandaFixtures.summary("USD", "10245.2200", "10301.0100"))));
        assertThat(await(v.balances())).isEqualTo(Map.of("oanda", new BigDecimal("10301.0100")));
        WM.verify(getRequestedFor(urlPathEqualTo(SUMMARY)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept-Datetime-Format", equalTo("RFC3339")));
    }

    @Test
    void anAccountNotInUsdIsNotReadyAndReportsNoBalance() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(okJson(OandaFixtures.summary("EUR", "9000.0000", "9010.0000"))));
        OandaVenue v = venue();

        assertThat(v.ready()).isFalse();
        assertThat(v.status()).isEqualTo("account " + ACCOUNT + " is kept in EUR, not USD: the FOREX sub-ledger books USD,"
                + " so the venue does not trade it");
        assertThat(await(v.place(buy("eur-1", "1000"))).kind()).isEqualTo(Placed.DISABLED);
        assertThat(posts()).isEmpty();
        assertThat(failure(v.balances())).hasMessageContaining("is kept in EUR, not USD");
    }

    @Test
    void aStartThatCannotReachOandaFailsAndSaysWhy() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(aResponse().withStatus(500).withBody("{\"errorMessage\":\"boom\"}")));
        OandaRestSettings settings = new OandaRestSettings(URI.create("http://127.0.0.1:" + WM.getPort()), Duration.ofSeconds(5),
                MAX_ATTEMPTS, Duration.ofMillis(10), Duration.ofMillis(100));
        OandaVenue v = new OandaVenue(vertx, new OandaRest(vertx, settings, new OandaConfig.Account(Secret.of(TOKEN), ACCOUNT)));

        assertThat(failure(v.start())).isInstanceOf(OandaRetriesExhaustedException.class);
        assertThat(v.ready()).isFalse();
        assertThat(v.status()).startsWith("start failed: GET " + SUMMARY + ": gave up after 3 attempts; last failure: HTTP 500: boom");
        WM.verify(MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo(SUMMARY)));
    }

    // ---- closes the bot did not send: the transaction reading ----

    private static void stubSince(String afterId, String body) {
        WM.stubFor(get(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo(afterId)).willReturn(okJson(body)));
    }

    /** Reads asked after {@code afterId}. */
    private static int readsAfter(String afterId) {
        return WM.findAll(getRequestedFor(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo(afterId))).size();
    }

    /** The transaction reads in the order they arrived. */
    private static List<LoggedRequest> reads() {
        return WM.findAll(getRequestedFor(urlPathEqualTo(SINCE))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The id each transaction read asked after, in the order they arrived. */
    private static List<String> readIds() {
        return reads().stream().map(r -> r.queryParameter("id").firstValue()).toList();
    }

    /** The daily financing of transaction {@code txId} on EUR_USD as the funding fee it is ({@code fee} > 0: paid). */
    private static LiveVenue.FundingFee financing(String txId, String fee) {
        return new LiveVenue.FundingFee("EUR_USD", new BigDecimal(fee), TIME_MS, "oanda-" + ACCOUNT + "-" + txId + "-EUR_USD");
    }

    private static LiveVenue.ClosedAtVenue close(String txId, Side side, String qty, String price, String fee, String reason) {
        return new LiveVenue.ClosedAtVenue("EUR_USD", side, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(fee), TIME_MS,
                "oanda-" + ACCOUNT + "-" + txId, reason);
    }

    @Test
    void aStopLossFillIsReportedOnceAndTheNextReadAsksAfterTheNewestTransaction() throws Exception {
        stubSince(START_TX, OandaFixtures.transactionsPage("6402",
                OandaFixtures.dailyFinancingTx("6400", "6373"),
                OandaFixtures.stopLossFillTx("6401", "6374", "6373", "-1000", "1.08501", "0.0500"),
                OandaFixtures.orderCancelTx("6402", "6375", "6373", "6401")));
        stubSince("6402", OandaFixtures.transactionsPage("6402"));
        OandaVenue v = pollingVenue();

        awaitEvents(2);
        awaitTrue(() -> readsAfter("6402") >= 3, "three reads after 6402");

        // The daily financing (−0.0123 charged) is a funding fee of 0.0123; the stop's fee is its commission
        // 0.0500 plus the 0.0123 of financing its fill settled.
        assertThat(events).containsExactly(financing("6400", "0.0123"),
                close("6401", Side.SELL, "1000", "1.08501", "0.0623", "STOP_LOSS_ORDER"));
        // Read from the summary's last id (history before the start is not replayed), once, since it succeeded.
        WM.verify(1, getRequestedFor(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo(START_TX))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withHeader("Accept-Datetime-Format", equalTo("RFC3339")));
        assertThat(readIds()).allMatch(id -> id.equals(START_TX) || id.equals("6402"));
        assertThat(v.ready()).isTrue();
    }

    @Test
    void aTransactionListedTwiceIsReportedOnce() throws Exception {
        String stop = OandaFixtures.stopLossFillTx("6401", "6374", "6373", "-1000", "1.08501", "0.0500");
        stubSince(START_TX, OandaFixtures.transactionsPage("6401", stop, stop));
        // Should OANDA answer the next read with the same transaction again, it is not reported again either.
        stubSince("6401", OandaFixtures.transactionsPage("6401", stop));
        pollingVenue();

        awaitEvents(1);
        awaitTrue(() -> readsAfter("6401") >= 3, "three reads after 6401");
        assertThat(events).containsExactly(close("6401", Side.SELL, "1000", "1.08501", "0.0623", "STOP_LOSS_ORDER"));
    }

    @Test
    void theFillsOfOurOwnClientOrdersAreNotReportedButTheStopBesideThemIs() throws Exception {
        stubSince(START_TX, OandaFixtures.transactionsPage("6404",
                // Our entry (opens a trade) and our reduce-only exit (closes one): place() reported both.
                OandaFixtures.fillTx("6401", "6400", "buy-1", "1000", "1.08726", "0.0500"),
                OandaFixtures.ownExitFillTx("6403", "6402", "exit-1", "6380", "-2000", "1.08530"),
                OandaFixtures.stopLossFillTx("6404", "6374", "6373", "-1000", "1.08501", "0.0500")));
        stubSince("6404", OandaFixtures.transactionsPage("6404"));
        pollingVenue();

        awaitTrue(() -> readsAfter("6404") >= 3, "three reads after 6404");
        assertThat(events).containsExactly(close("6404", Side.SELL, "1000", "1.08501", "0.0623", "STOP_LOSS_ORDER"));
    }

    @Test
    void aHandTradeReportsOnlyThePartItClosed() throws Exception {
        stubSince(START_TX, OandaFixtures.transactionsPage("6406",
                // Sold 1500 by hand while long 1000: closes trade 6385, opens a short of 500 that is not the bot's.
                OandaFixtures.handFlipFillTx("6405", "6404", "6385", "1000", "500", "1.08540"),
                // A hand buy without client id that only opens a trade: nothing closed, nothing reported.
                OandaFixtures.fillTx("6406", "6406", "", "2000", "1.08550", "0.1000")));
        stubSince("6406", OandaFixtures.transactionsPage("6406"));
        pollingVenue();

        awaitTrue(() -> readsAfter("6406") >= 3, "three reads after 6406");
        assertThat(events).containsExactly(close("6405", Side.SELL, "1000", "1.08540", "0.0750", "MARKET_ORDER"));
    }

    @Test
    void aShortClosedByItsStopIsABuyAndAGuaranteedStopsFeeIsPartOfTheFee() throws Exception {
        JsonObject tx = new JsonObject(OandaFixtures.stopLossFillTx("6401", "6374", "6373", "2500", "1.09012", "0.1250"));
        tx.put("reason", "GUARANTEED_STOP_LOSS_ORDER").put("guaranteedExecutionFee", "0.2500");
        stubSince(START_TX, OandaFixtures.transactionsPage("6401", tx.encode()));
        stubSince("6401", OandaFixtures.transactionsPage("6401"));
        pollingVenue();

        awaitEvents(1);
        assertThat(events).containsExactly(close("6401", Side.BUY, "2500", "1.09012", "0.3873", "GUARANTEED_STOP_LOSS_ORDER"));
    }

    @Test
    void dailyFinancingIsAFundingFeeAndOtherTransactionTypesAreReadPast() throws Exception {
        stubSince(START_TX, OandaFixtures.transactionsPage("6403",
                OandaFixtures.stopLossOrderTx("6401", "6373", "1.08501"),
                OandaFixtures.dailyFinancingTx("6402", "6373"),
                OandaFixtures.orderCancelTx("6403", "6375", "6373", "6399")));
        stubSince("6403", OandaFixtures.transactionsPage("6403"));
        pollingVenue();

        awaitTrue(() -> readsAfter("6403") >= 3, "three reads after 6403");
        assertThat(events).containsExactly(financing("6402", "0.0123"));
        assertThat(readIds()).allMatch(id -> id.equals(START_TX) || id.equals("6403"));
    }

    @Test
    void aFailedReadIsAskedAgainFromTheSameIdAndTheCloseReportedOnce() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo(START_TX))
                .willReturn(aResponse().withStatus(503).withBody("{\"errorMessage\":\"Service unavailable\"}")));
        stubSince("6401", OandaFixtures.transactionsPage("6401"));
        OandaVenue v = pollingVenue();
        // Two whole reads fail (each spends its attempt budget): the reading goes on, from the same id.
        awaitTrue(() -> readsAfter(START_TX) >= 2 * MAX_ATTEMPTS, "two failed reads");
        assertThat(events).isEmpty();
        assertThat(v.ready()).as("a failed read says nothing about the venue").isTrue();

        stubSince(START_TX, OandaFixtures.transactionsPage("6401",
                OandaFixtures.stopLossFillTx("6401", "6374", "6373", "-1000", "1.08501", "0.0500")));

        awaitEvents(1);
        awaitTrue(() -> readsAfter("6401") >= 3, "three reads after 6401");
        assertThat(events).containsExactly(close("6401", Side.SELL, "1000", "1.08501", "0.0623", "STOP_LOSS_ORDER"));
        List<String> ids = readIds();
        assertThat(ids.subList(0, ids.indexOf("6401"))).as("nothing is skipped until the read succeeds").containsOnly(START_TX);
        assertThat(ids.subList(ids.indexOf("6401"), ids.size())).containsOnly("6401");
    }

    @Test
    void aSlowReadIsNeverOverlappedByTheNext() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SINCE)).willReturn(okJson(OandaFixtures.transactionsPage(START_TX)).withFixedDelay(500)));
        pollingVenue();

        awaitTrue(() -> readsAfter(START_TX) >= 3, "three reads");
        List<LoggedRequest> reads = reads();
        for (int i = 1; i < reads.size(); i++) {
            long gap = reads.get(i).getLoggedDate().getTime() - reads.get(i - 1).getLoggedDate().getTime();
            // Each read is answered after 500 ms; the next may start only then, plus the 100 ms interval.
            assertThat(gap).as("gap before read " + i).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void stopEndsTheReading() throws Exception {
        OandaVenue v = pollingVenue();
        awaitTrue(() -> readsAfter(START_TX) >= 2, "two reads");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { logged.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger log = Logger.getLogger(OandaVenue.class.getName());
        log.addHandler(capture);
        try {
            await(v.stop());
            Thread.sleep(150);
            int after = readsAfter(START_TX);
            Thread.sleep(600);

            assertThat(readsAfter(START_TX)).as("no read in six intervals after stop").isEqualTo(after);
            // The client is closed too, so a reading that went on would not reach WireMock: it would fail, and say so.
            assertThat(logged).as("nothing tried after stop").noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aPageThatEndsBeforeTheAccountsLastTransactionIsContinuedFromItsNewest() throws Exception {
        // A capped page: the account is at 6450, the page stops at 6402. The next read asks after 6402, not 6450.
        stubSince(START_TX, OandaFixtures.transactionsPage("6450",
                OandaFixtures.dailyFinancingTx("6401", "6373"), OandaFixtures.dailyFinancingTx("6402", "6373")));
        stubSince("6402", OandaFixtures.transactionsPage("6450",
                OandaFixtures.stopLossFillTx("6450", "6374", "6373", "-1000", "1.08501", "0.0500")));
        stubSince("6450", OandaFixtures.transactionsPage("6450"));
        pollingVenue();

        awaitEvents(3);
        awaitTrue(() -> readsAfter("6450") >= 1, "a read after 6450");
        assertThat(events).containsExactly(financing("6401", "0.0123"), financing("6402", "0.0123"),
                close("6450", Side.SELL, "1000", "1.08501", "0.0623", "STOP_LOSS_ORDER"));
        assertThat(readIds()).startsWith(START_TX, "6402", "6450");
    }

    @Test
    void aTokenRejectedOnAReadMakesTheVenueNotReadyAndEndsTheReading() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SINCE)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errorMessage\":\"Insufficient authorization to perform request.\"}")));
        OandaVenue v = pollingVenue();

        awaitEvents(1);
        assertThat(events).containsExactly(new LiveVenue.StatusChanged(false, "OANDA rejected the token (401)"));
        assertThat(v.ready()).isFalse();
        Thread.sleep(500);
        assertThat(readsAfter(START_TX)).as("one refused read, then nothing").isEqualTo(1);
    }

    @Test
    void aVenueThatIsNotReadyReadsNoTransactions() throws Exception {
        WM.stubFor(get(urlPathEqualTo(SUMMARY)).willReturn(okJson(OandaFixtures.summary("EUR", "9000.0000", "9010.0000"))));
        OandaVenue v = pollingVenue();

        Thread.sleep(500);
        assertThat(v.ready()).isFalse();
        assertThat(readIds()).isEmpty();
    }

    // ---- helpers ----

    private void awaitEvents(int n) {
        awaitTrue(() -> events.size() >= n, n + " event(s), have " + events);
    }

    private static void awaitTrue(BooleanSupplier c, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            Object v = await(f);
            throw new AssertionError("expected a failure, got " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
