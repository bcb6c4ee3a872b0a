package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.meridian.exchange.bybit.rest.RestFixtures.await;
import static dev.meridian.exchange.bybit.rest.RestFixtures.client;
import static dev.meridian.exchange.bybit.rest.RestFixtures.failure;
import static dev.meridian.exchange.bybit.rest.RestFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.meridian.core.Category;
import dev.meridian.core.Kline;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BybitMarketRestKlinesTest {
    @RegisterExtension
    static final WireMockExtension WM = RestFixtures.fakeBybit();

    private static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    private static void stubPage(long end, String file) {
        WM.stubFor(get(urlPathEqualTo("/v5/market/kline"))
                .withQueryParam("category", equalTo("spot"))
                .withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1"))
                .withQueryParam("start", equalTo(Long.toString(T0)))
                .withQueryParam("end", equalTo(Long.toString(end)))
                .withQueryParam("limit", equalTo("1000"))
                .willReturn(okJson(fixture(file))));
    }

    @Test
    void pagesBackwardsThroughNewestFirstPagesAndReturnsTheRangeOldestFirstOncePerStartTime() throws Exception {
        long end = T0 + 9 * MIN + 59_999;
        // Page 1: candles 9..6. Page 2 repeats candle 6 at its boundary, then 5..2. Page 3: 1, 0 and
        // the candle before T0, which Bybit may return because it contains `start`.
        stubPage(end, "kline-page1.json");
        stubPage(T0 + 6 * MIN - 1, "kline-page2.json");
        stubPage(T0 + 2 * MIN - 1, "kline-page3.json");
        // 30 s into candle 9: it is still open
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0 + 9 * MIN + 30_000));

        List<Kline> klines = await(rest.klines(Category.SPOT, "BTCUSDT", 60, T0, end));

        assertThat(klines).extracting(Kline::startMs)
                .containsExactly(T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN, T0 + 5 * MIN, T0 + 6 * MIN,
                        T0 + 7 * MIN, T0 + 8 * MIN, T0 + 9 * MIN);
        assertThat(klines.subList(0, 9)).allMatch(Kline::confirm);
        assertThat(klines.get(9).confirm()).isFalse();
        assertThat(klines.get(6)).isEqualTo(new Kline(Category.SPOT, "BTCUSDT", 60, T0 + 6 * MIN,
                new BigDecimal("62006.5"), new BigDecimal("62009.25"), new BigDecimal("62004.75"),
                new BigDecimal("62007.10"), new BigDecimal("1.075"), new BigDecimal("62316.0300"), true));
        WM.verify(3, getRequestedFor(urlPathEqualTo("/v5/market/kline")));
        rest.close();
    }

    @Test
    void everyCandleIsConfirmedOnceTheLastIntervalHasEnded() throws Exception {
        long end = T0 + 9 * MIN + 59_999;
        stubPage(end, "kline-page1.json");
        stubPage(T0 + 6 * MIN - 1, "kline-page2.json");
        stubPage(T0 + 2 * MIN - 1, "kline-page3.json");
        // exactly when candle 9 ends
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0 + 10 * MIN));

        List<Kline> klines = await(rest.klines(Category.SPOT, "BTCUSDT", 60, T0, end));

        assertThat(klines).hasSize(10).allMatch(Kline::confirm);
        rest.close();
    }

    @Test
    void anEmptyPageEndsThePaging() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/market/kline")).withQueryParam("end", equalTo(Long.toString(T0 + 9 * MIN)))
                .willReturn(okJson(fixture("kline-page1.json"))));
        WM.stubFor(get(urlPathEqualTo("/v5/market/kline")).withQueryParam("end", equalTo(Long.toString(T0 + 6 * MIN - 1)))
                .willReturn(okJson("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"symbol\":\"BTCUSDT\","
                        + "\"list\":[]},\"retExtInfo\":{},\"time\":1709251800000}")));
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0 + 20 * MIN));

        List<Kline> klines = await(rest.klines(Category.SPOT, "BTCUSDT", 60, T0, T0 + 9 * MIN));

        assertThat(klines).extracting(Kline::startMs).containsExactly(T0 + 6 * MIN, T0 + 7 * MIN, T0 + 8 * MIN, T0 + 9 * MIN);
        WM.verify(2, getRequestedFor(urlPathEqualTo("/v5/market/kline")));
        rest.close();
    }

    @Test
    void aCandleValueThatIsNotADecimalFailsNamingItsPosition() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/market/kline")).willReturn(okJson(
                fixture("kline-page1.json").replace("\"62009.10\"", "\"62009,10\""))));
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0));

        Throwable e = failure(rest.klines(Category.SPOT, "BTCUSDT", 60, T0, T0 + 9 * MIN));

        assertThat(e).isInstanceOf(BybitResponseException.class)
                .hasMessageContaining("result.list[1][4] (close) is not a decimal: \"62009,10\"");
        assertThat(((BybitResponseException) e).field()).isEqualTo("result.list[1][4] (close)");
        rest.close();
    }

    @Test
    void aShortCandleRowFailsClearly() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/market/kline")).willReturn(okJson(
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[[\"1709251200000\",\"1\",\"2\"]]},\"time\":1}")));
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0));

        Throwable e = failure(rest.klines(Category.SPOT, "BTCUSDT", 60, T0, T0 + 9 * MIN));

        assertThat(e).isInstanceOf(BybitResponseException.class).hasMessageContaining("result.list[0] has 3 elements, expected 7");
        rest.close();
    }

    @Test
    void unsupportedArgumentsFailWithoutARequest() throws Exception {
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0));

        assertThat(failure(rest.klines(Category.SPOT, "BTCUSDT", 120, T0, T0 + MIN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 120");
        assertThat(failure(rest.klines(Category.OPTION, "BTC-29JUL22-25000-C", 60, T0, T0 + MIN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPOT or LINEAR");
        assertThat(failure(rest.klines(Category.LINEAR, "BTCUSDT", 60, T0 + MIN, T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startMs <= endMs");
        WM.verify(0, getRequestedFor(urlPathEqualTo("/v5/market/kline")));
        rest.close();
    }

    @Test
    void dailyAndWeeklyIntervalsUseBybitsLetters() throws Exception {
        WM.stubFor(get(urlPathEqualTo("/v5/market/kline")).withQueryParam("interval", equalTo("W"))
                .willReturn(aResponse().withStatus(200).withBody("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":"
                        + "{\"list\":[]},\"time\":1}")));
        BybitMarketRest rest = client(vertx, WM, Instant.ofEpochMilli(T0));

        assertThat(await(rest.klines(Category.LINEAR, "BTCUSDT", 604_800, T0, T0 + 7 * 86_400_000L))).isEmpty();
        WM.verify(1, getRequestedFor(urlPathEqualTo("/v5/market/kline")).withQueryParam("category", equalTo("linear")));
        rest.close();
    }
}
