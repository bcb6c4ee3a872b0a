package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.meridian.exchange.bybit.rest.RestFixtures.await;
import static dev.meridian.exchange.bybit.rest.RestFixtures.failure;
import static dev.meridian.exchange.bybit.rest.RestFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.meridian.core.Category;
import dev.meridian.core.Ticker;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BybitMarketRestTickersTest {
    @RegisterExtension
    static final WireMockExtension WM = RestFixtures.fakeBybit();

    private static final String PATH = "/v5/market/tickers";
    private static Vertx vertx;
    private BybitMarketRest rest;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void client() {
        rest = RestFixtures.client(vertx, WM, Instant.parse("2023-01-16T09:00:00Z"));
    }

    @AfterEach
    void closeClient() {
        rest.close();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void spotTickersCarryBookTurnoverAndTheServerTimeButNoDerivativeFields() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("spot"))
                .willReturn(okJson(fixture("tickers-spot.json"))));

        assertThat(await(rest.tickers(Category.SPOT))).containsExactly(new Ticker(Category.SPOT, "BTCUSDT",
                1673859087947L, d("20533.13"), d("20517.96"), d("20527.77"), d("11801.27771"),
                d("243765620.65899866"), null, null, null, null, null, null, null, null));
    }

    @Test
    void linearTickersCarryMarkIndexAndFundingAndIgnoreEmptyStrings() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("linear"))
                .willReturn(okJson(fixture("tickers-linear.json"))));

        assertThat(await(rest.tickers(Category.LINEAR))).containsExactly(new Ticker(Category.LINEAR, "BTCUSDT",
                1672376496682L, d("16597.00"), d("16596.00"), d("16597.50"), d("49337.318"), d("2352949500.46"),
                d("16596.00"), d("16598.54"), d("-0.001034"), null, null, null, null, null));
    }

    @Test
    void optionTickersAreAskedPerBaseCoinAndCarryIvAndGreeks() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("option"))
                .withQueryParam("baseCoin", equalTo("BTC")).willReturn(okJson(fixture("tickers-option.json"))));

        assertThat(await(rest.optionTickers("BTC"))).containsExactly(new Ticker(Category.OPTION,
                "BTC-30DEC22-18000-C", 1672376592395L, d("435"), d("0"), d("435"), d("0.15"), d("2482.73"),
                d("0.00000009"), d("16600.55"), null, d("0.7567"), d("0.00000001"), d("0.00000001"),
                d("0.00000004"), d("-0.00000152")));
    }

    @Test
    void aTickerWithoutASymbolFailsNamingTheField() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                fixture("tickers-spot.json").replace("\"symbol\": \"BTCUSDT\",", ""))));

        Throwable e = failure(rest.tickers(Category.SPOT));

        assertThat(e).isInstanceOf(BybitResponseException.class);
        assertThat(((BybitResponseException) e).field()).isEqualTo("result.list[0].symbol");
    }

    @Test
    void aNumberSentAsAJsonNumberIsRefusedRatherThanRoundedThroughADouble() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                fixture("tickers-spot.json").replace("\"lastPrice\": \"20533.13\"", "\"lastPrice\": 20533.13"))));

        assertThat(failure(rest.tickers(Category.SPOT))).isInstanceOf(BybitResponseException.class)
                .hasMessageContaining("result.list[0].lastPrice is not a string: 20533.13");
    }

    @Test
    void optionTickersNeedABaseCoin() throws Exception {
        assertThat(failure(rest.tickers(Category.OPTION))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optionTickers");
        WM.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }
}
