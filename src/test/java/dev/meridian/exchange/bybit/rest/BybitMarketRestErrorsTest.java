package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.meridian.exchange.bybit.rest.RestFixtures.await;
import static dev.meridian.exchange.bybit.rest.RestFixtures.failure;
import static dev.meridian.exchange.bybit.rest.RestFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.meridian.core.Category;
import dev.meridian.core.Ticker;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BybitMarketRestErrorsTest {
    @RegisterExtension
    static final WireMockExtension WM = RestFixtures.fakeBybit();

    private static final String PATH = "/v5/market/tickers";
    private static final Instant NOW = Instant.parse("2024-03-01T00:00:00Z");
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    private static BybitMarketRest client() {
        return RestFixtures.client(vertx, WM, NOW);
    }

    /** First {@code first}, then the spot tickers fixture. */
    private static void failOnceThenServe(ResponseDefinitionBuilder first) {
        WM.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("recovered"));
        WM.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(fixture("tickers-spot.json"))));
    }

    @Test
    void aNonZeroRetCodeFailsWithBybitsCodeAndMessageAndIsNotRetried() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                "{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{},\"retExtInfo\":{},\"time\":1709251200000}")));
        BybitMarketRest rest = client();

        Throwable e = failure(rest.tickers(Category.SPOT));

        assertThat(e).isInstanceOf(BybitApiException.class)
                .hasMessage("GET /v5/market/tickers?category=spot: Bybit retCode 10001 \"params error: symbol invalid\"");
        assertThat(((BybitApiException) e).retCode()).isEqualTo(10001);
        assertThat(((BybitApiException) e).retMsg()).isEqualTo("params error: symbol invalid");
        WM.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void http429IsRetriedAfterTheResetTimeBybitNames() throws Exception {
        long resetAt = NOW.toEpochMilli() + 300;
        failOnceThenServe(aResponse().withStatus(429).withHeader("X-Bapi-Limit-Reset-Timestamp", Long.toString(resetAt)));
        BybitMarketRest rest = client();

        long t0 = System.nanoTime();
        List<Ticker> tickers = await(rest.tickers(Category.SPOT));
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(tickers).extracting(Ticker::symbol).containsExactly("BTCUSDT");
        // the base backoff is 10 ms; only the header can explain a wait this long
        assertThat(waitedMs).isGreaterThanOrEqualTo(300);
        WM.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void retCode10006IsRetried() throws Exception {
        failOnceThenServe(okJson("{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"time\":1709251200000}"));
        BybitMarketRest rest = client();

        assertThat(await(rest.tickers(Category.SPOT))).hasSize(1);
        WM.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void a5xxOnEveryAttemptFailsAfterMaxAttemptsWithTheLastErrorAsCause() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));
        BybitMarketRest rest = client();

        Throwable e = failure(rest.tickers(Category.SPOT));

        assertThat(e).isInstanceOf(BybitRetriesExhaustedException.class)
                .hasMessage("GET /v5/market/tickers?category=spot: gave up after 3 attempts; last failure: "
                        + "HTTP 503: upstream unavailable");
        assertThat(((BybitRetriesExhaustedException) e).attempts()).isEqualTo(3);
        assertThat(e.getCause()).isInstanceOfSatisfying(BybitHttpException.class,
                h -> assertThat(h.status()).isEqualTo(503));
        WM.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void http403IsBybitsIpBanAndIsNeverRetried() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403).withBody("access too frequent")));
        BybitMarketRest rest = client();

        Throwable e = failure(rest.tickers(Category.SPOT));

        assertThat(e).isInstanceOf(BybitHttpException.class).hasMessageContaining("at least 10 minutes");
        WM.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void aTimedOutAttemptIsRetried() throws Exception {
        failOnceThenServe(okJson(fixture("tickers-spot.json")).withFixedDelay(1_000));
        BybitMarketRest rest = new BybitMarketRest(vertx, new BybitRestSettings(
                URI.create("http://127.0.0.1:" + WM.getPort()), Duration.ofMillis(200), 2, Duration.ofMillis(10),
                Duration.ofSeconds(1)), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(await(rest.tickers(Category.SPOT))).hasSize(1);
        WM.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void aBodyThatIsNotJsonFailsWithoutRetry() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));
        BybitMarketRest rest = client();

        Throwable e = failure(rest.tickers(Category.SPOT));

        assertThat(e).isInstanceOf(BybitResponseException.class)
                .hasMessage("GET /v5/market/tickers?category=spot: malformed response: body is not JSON: <html>maintenance</html>");
        assertThat(((BybitResponseException) e).field()).isEqualTo("body");
        WM.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        rest.close();
    }

    @Test
    void anEnvelopeWithoutResultOrTimeNamesTheMissingField() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"time\":1}")));
        BybitMarketRest rest = client();

        assertThat(failure(rest.tickers(Category.SPOT))).isInstanceOf(BybitResponseException.class)
                .hasMessageEndingWith("malformed response: result is missing");

        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[]}}")));
        assertThat(failure(rest.tickers(Category.SPOT))).hasMessageEndingWith("malformed response: time is missing");

        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("[1,2]")));
        assertThat(failure(rest.tickers(Category.SPOT))).hasMessageEndingWith("body is not a JSON object: [1,2]");

        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"retMsg\":\"OK\",\"result\":{},\"time\":1}")));
        assertThat(failure(rest.tickers(Category.SPOT))).hasMessageEndingWith("malformed response: retCode is missing");
        rest.close();
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithItsCause() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        BybitMarketRest rest = new BybitMarketRest(vertx, new BybitRestSettings(URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(1), 2, Duration.ofMillis(10), Duration.ofMillis(10)), Clock.fixed(NOW, ZoneOffset.UTC));

        Throwable e = failure(rest.tickers(Category.SPOT));

        assertThat(e).isInstanceOf(BybitRetriesExhaustedException.class).hasMessageContaining("transport failure");
        assertThat(e.getCause()).isExactlyInstanceOf(BybitRestException.class).hasCauseInstanceOf(Exception.class);
        rest.close();
    }
}
