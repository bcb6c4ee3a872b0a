package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.meridian.exchange.bybit.rest.RestFixtures.await;
import static dev.meridian.exchange.bybit.rest.RestFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.meridian.core.OptionBoard;
import dev.meridian.options.Greeks;
import dev.meridian.options.OptionChain;
import dev.meridian.options.OptionQuote;
import dev.meridian.options.OptionType;
import dev.meridian.options.VenueChains;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

/**
 * The option chain from Bybit REST end to end against WireMock: {@code optionBoard} asks the
 * listing and the tickers per base coin, joins them row by row, and {@link VenueChains} makes the
 * {@link OptionChain}. The fixtures are our own rows in the shape of Bybit's V5 examples
 * (strings for every decimal, REST field names), with a {@code -USDT} symbol, a zero mark IV, a
 * malformed row, an unlisted one, a PreLaunch one and a duplicate.
 */
class BybitOptionChainIT {
    @RegisterExtension
    static final WireMockExtension WM = RestFixtures.fakeBybit();

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
        rest = RestFixtures.client(vertx, WM, Instant.parse("2026-01-01T00:00:00Z"));
        WM.stubFor(get(urlPathEqualTo("/v5/market/instruments-info")).withQueryParam("category", equalTo("option"))
                .withQueryParam("baseCoin", equalTo("BTC")).willReturn(okJson(fixture("option-chain-instruments.json"))));
        WM.stubFor(get(urlPathEqualTo("/v5/market/tickers")).withQueryParam("category", equalTo("option"))
                .withQueryParam("baseCoin", equalTo("BTC")).willReturn(okJson(fixture("option-chain-tickers.json"))));
    }

    @AfterEach
    void closeClient() {
        rest.close();
    }

    @Test
    void tickersJoinedWithTheListingBecomeAQuotedChainWithVenueGreeks() throws Exception {
        OptionBoard board = await(rest.optionBoard("BTC"));
        VenueChains.Built built = VenueChains.chain(board);
        OptionChain chain = built.chain();

        assertThat(chain.underlying()).isEqualTo("BTC");
        assertThat(chain.timeMs()).isEqualTo(1767225600000L);                  // the tickers answer's server time
        assertThat(chain.underlyingPrice()).isEqualTo(94000.5);                 // the spot index, not the forward
        assertThat(chain.synthetic()).isFalse();
        assertThat(chain.contracts()).extracting(OptionQuote::symbol).containsExactlyInAnyOrder(
                "BTC-30JAN26-90000-C", "BTC-30JAN26-90000-P", "BTC-30JAN26-100000-C-USDT");

        OptionQuote call = chain.contract("BTC-30JAN26-90000-C").orElseThrow();
        assertThat(call.type()).isEqualTo(OptionType.CALL);
        assertThat(call.strike()).isEqualByComparingTo("90000");
        assertThat(call.expiryMs()).isEqualTo(1769760000000L);                  // 30 Jan 2026 08:00 UTC
        assertThat(call.bid()).isEqualByComparingTo("5200");
        assertThat(call.ask()).isEqualByComparingTo("5300");
        assertThat(call.markPrice()).isEqualByComparingTo("5250.25");
        assertThat(call.markIv().getAsDouble()).isEqualTo(0.4512);
        assertThat(call.synthetic()).isFalse();
        Greeks g = call.venueGreeks().orElseThrow();
        assertThat(g.delta()).isEqualTo(0.6213);
        assertThat(g.gamma()).isEqualTo(0.00002345);
        // Bybit's vega is per vol point and theta per day: Greeks keeps per 1.00 of σ and per year.
        assertThat(g.vegaPerVolPoint()).isCloseTo(98.76, within(1e-9));
        assertThat(g.vega()).isCloseTo(9876.0, within(1e-6));
        assertThat(g.thetaPerDay()).isCloseTo(-61.5, within(1e-9));
        assertThat(g.theta()).isCloseTo(-61.5 * 365, within(1e-6));

        OptionQuote put = chain.contract("BTC-30JAN26-90000-P").orElseThrow();
        assertThat(put.hasBid()).isFalse();                                     // "0" = nobody bidding
        assertThat(put.markIv()).isEmpty();                                     // "0" is no volatility
        assertThat(put.venueGreeks()).isPresent();

        OptionQuote usdt = chain.contract("BTC-30JAN26-100000-C-USDT").orElseThrow();
        assertThat(usdt.underlying()).isEqualTo("BTC");
        assertThat(usdt.strike()).isEqualByComparingTo("100000");
        assertThat(usdt.type()).isEqualTo(OptionType.CALL);
        assertThat(usdt.expiryMs()).isEqualTo(1769760000000L);
    }

    @Test
    void malformedUnlistedAndNotTradingRowsAreSkippedAndNamedNotGuessed() throws Exception {
        OptionBoard board = await(rest.optionBoard("BTC"));

        assertThat(board.tickers()).hasSize(3);
        assertThat(board.skipped()).hasSize(4);
        assertThat(board.skipped()).anySatisfy(s -> assertThat(s).contains("result.list[3].markPrice").contains("n/a"));
        assertThat(board.skipped()).anySatisfy(s -> assertThat(s).contains("BTC-27FEB26-95000-C").contains("not listed"));
        assertThat(board.skipped()).anySatisfy(s -> assertThat(s).contains("BTC-30JAN26-110000-C").contains("PreLaunch"));
        assertThat(board.skipped()).anySatisfy(s -> assertThat(s).contains("result.list[6]").contains("appears twice"));
        // The first of the duplicate rows is kept as it was.
        assertThat(board.tickers().get(0).bid()).isEqualByComparingTo("5200");

        VenueChains.Built built = VenueChains.chain(board);
        assertThat(built.skipped()).containsExactlyElementsOf(board.skipped());
    }
}
