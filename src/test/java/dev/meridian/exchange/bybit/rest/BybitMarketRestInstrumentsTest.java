package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import dev.meridian.core.Instrument;
import dev.meridian.core.Instrument.OptionSpec;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BybitMarketRestInstrumentsTest {
    @RegisterExtension
    static final WireMockExtension WM = RestFixtures.fakeBybit();

    private static final String PATH = "/v5/market/instruments-info";
    private static final String CURSOR = "first%3DBTC-26DEC25%26last%3DBTCUSDT";
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
        rest = RestFixtures.client(vertx, WM, Instant.parse("2024-08-01T00:00:00Z"));
    }

    @AfterEach
    void closeClient() {
        rest.close();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void spotComesInOneRequestWithoutPagingAndMapsTheSpotLotFilter() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("spot"))
                .willReturn(okJson(fixture("instruments-spot.json"))));

        List<Instrument> spot = await(rest.instruments(Category.SPOT));

        assertThat(spot).containsExactly(
                new Instrument(Category.SPOT, "BTCUSDT", "Trading", "BTC", "USDT", d("0.10"), d("0.000001"),
                        d("0.000048"), d("83"), d("5"), null, null, Optional.empty()),
                // no maxLimitOrderQty: the deprecated maxOrderQty stands in
                new Instrument(Category.SPOT, "ETHUSDT", "Trading", "ETH", "USDT", d("0.01"), d("0.00001"),
                        d("0.00062"), d("1229.2336343"), d("5"), null, null, Optional.empty()));
        assertThat(spot.get(0).tickSize().scale()).as("exact as sent").isEqualTo(2);
        WM.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("limit", absent()).withQueryParam("cursor", absent()));
    }

    @Test
    void linearFollowsTheCursorKeepsPerpetualsAndMapsLeverageAndMinNotional() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("linear"))
                .withQueryParam("limit", equalTo("1000")).withQueryParam("cursor", absent())
                .willReturn(okJson(fixture("instruments-linear-page1.json"))));
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("linear"))
                .withQueryParam("limit", equalTo("1000")).withQueryParam("cursor", equalTo(CURSOR))
                .willReturn(okJson(fixture("instruments-linear-page2.json"))));

        List<Instrument> linear = await(rest.instruments(Category.LINEAR));

        assertThat(linear).extracting(Instrument::symbol).containsExactly("BTCUSDT", "ETHUSDT", "BTCPERP");
        assertThat(linear.get(0)).isEqualTo(new Instrument(Category.LINEAR, "BTCUSDT", "Trading", "BTC", "USDT",
                d("0.10"), d("0.001"), d("0.001"), d("1190.000"), d("5"), d("1"), d("100.00"), Optional.empty(),
                d("0.01")));
        assertThat(linear.get(2).quoteCoin()).isEqualTo("USDC");
        WM.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void optionsParseBothSymbolFormsAndAgreeWithTheirFields() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("category", equalTo("option"))
                .withQueryParam("baseCoin", equalTo("BTC")).withQueryParam("limit", equalTo("1000"))
                .willReturn(okJson(fixture("instruments-option.json"))));

        List<Instrument> options = await(rest.optionInstruments("BTC"));

        assertThat(options).containsExactly(
                new Instrument(Category.OPTION, "BTC-29JUL22-25000-C", "Trading", "BTC", "USD", d("5"), d("0.01"),
                        d("0.01"), d("10000"), null, null, null, Optional.of(new OptionSpec("BTC",
                        Instant.parse("2022-07-29T08:00:00Z").toEpochMilli(), d("25000"), true, ""))),
                new Instrument(Category.OPTION, "BTC-30AUG24-50000-P-USDT", "Trading", "BTC", "USDT", d("5"),
                        d("0.01"), d("0.01"), d("500"), null, null, null, Optional.of(new OptionSpec("BTC",
                        Instant.parse("2024-08-30T08:00:00Z").toEpochMilli(), d("50000"), false, "USDT"))));
    }

    @Test
    void anOptionSymbolThatDoesNotParseFailsTheCallNamingTheField() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                fixture("instruments-option.json").replace("BTC-30AUG24-50000-P-USDT", "BTC-30AUG24-50000-X-USDT"))));

        Throwable e = failure(rest.optionInstruments("BTC"));

        assertThat(e).isInstanceOf(BybitResponseException.class)
                .hasMessageContaining("result.list[1].symbol not a Bybit option symbol \"BTC-30AUG24-50000-X-USDT\"");
    }

    @Test
    void aDeliveryTimeThatContradictsTheSymbolFailsTheCall() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                fixture("instruments-option.json").replace("1659081600000", "1659052800000"))));

        Throwable e = failure(rest.optionInstruments("BTC"));

        assertThat(e).isInstanceOf(BybitResponseException.class);
        assertThat(((BybitResponseException) e).field()).isEqualTo("result.list[0].deliveryTime");
        assertThat(e).hasMessageContaining("contradicts symbol BTC-29JUL22-25000-C (expiry 2022-07-29T08:00:00Z)");
    }

    @Test
    void anOptionTypeThatContradictsTheSymbolFailsTheCall() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                fixture("instruments-option.json").replace("\"Put\"", "\"Call\""))));

        assertThat(((BybitResponseException) failure(rest.optionInstruments("BTC"))).field())
                .isEqualTo("result.list[1].optionsType");
    }

    @Test
    void aMissingFilterFieldFailsNamingItsPath() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                fixture("instruments-spot.json").replace("\"minOrderAmt\": \"5\",\n          \"maxOrderAmt\": \"8000000\",\n          \"maxLimitOrderQty\"",
                        "\"maxOrderAmt\": \"8000000\",\n          \"maxLimitOrderQty\""))));

        Throwable e = failure(rest.instruments(Category.SPOT));

        assertThat(e).isInstanceOf(BybitResponseException.class)
                .hasMessageEndingWith("malformed response: result.list[0].lotSizeFilter.minOrderAmt is missing");
    }

    @Test
    void aRepeatedCursorFailsInsteadOfPagingForever() throws Exception {
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(fixture("instruments-linear-page1.json"))));

        Throwable e = failure(rest.instruments(Category.LINEAR));

        assertThat(e).isInstanceOf(BybitResponseException.class).hasMessageContaining("result.nextPageCursor repeats");
        WM.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void optionsNeedABaseCoin() throws Exception {
        assertThat(failure(rest.instruments(Category.OPTION))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optionInstruments");
        assertThat(failure(rest.optionInstruments(" "))).isInstanceOf(IllegalArgumentException.class);
        WM.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }
}
