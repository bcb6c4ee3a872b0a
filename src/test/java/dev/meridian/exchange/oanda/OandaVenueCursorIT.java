package dev.meridian.exchange.oanda;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.meridian.config.OandaConfig;
import dev.meridian.config.Secret;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.VenueCursor;
import dev.meridian.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.meridian.exchange.oanda.OandaFixtures.ACCOUNT;
import static dev.meridian.exchange.oanda.OandaFixtures.TIME_MS;
import static dev.meridian.exchange.oanda.OandaFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue's reading of the account's transactions survives a restart: a run saves where it got
 * to in PostgreSQL ({@code venue_cursors}), and the next run reads on from there, so a stop that
 * closed a position while the bot was down is reported, not skipped as history.
 */
class OandaVenueCursorIT {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    private static final String BASE = "/v3/accounts/" + ACCOUNT;
    private static final String SINCE = BASE + "/transactions/sinceid";

    @TempDir Path state;
    private Vertx vertx;
    private Database db;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        db = Database.open(vertx, state, Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        db.close().await();
        vertx.close().await();
    }

    private OandaVenue venue(List<LiveVenue.Event> events) throws Exception {
        OandaRestSettings settings = new OandaRestSettings(URI.create("http://127.0.0.1:" + WM.getPort()), Duration.ofSeconds(5), 3,
                Duration.ofMillis(10), Duration.ofMillis(100));
        OandaVenue v = new OandaVenue(vertx, new OandaRest(vertx, settings, new OandaConfig.Account(Secret.of(TOKEN), ACCOUNT)),
                Duration.ofMillis(100), Optional.of(VenueCursor.sql(db.pool(), "oanda")));
        v.onEvent(events::add);
        await(v.start());
        return v;
    }

    private static void summaryAt(String lastId) {
        WM.stubFor(get(urlPathEqualTo(BASE + "/summary")).willReturn(okJson(OandaFixtures.summary("USD", "10245.2200", "10257.5600")
                .replace("\"lastTransactionID\":\"6370\"", "\"lastTransactionID\":\"" + lastId + "\""))));
    }

    @Test
    void aStopThatClosedAPositionWhileTheBotWasDownIsReportedByTheNextRun() throws Exception {
        // First run: the account is at 6370; one financing arrives, the reading saves 6371.
        summaryAt("6370");
        WM.stubFor(get(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo("6370")).willReturn(okJson(OandaFixtures.transactionsPage("6371",
                OandaFixtures.dailyFinancingTx("6371", "6360")))));
        WM.stubFor(get(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo("6371")).willReturn(okJson(OandaFixtures.transactionsPage("6371"))));
        List<LiveVenue.Event> first = new CopyOnWriteArrayList<>();
        OandaVenue v1 = venue(first);
        awaitTrue(() -> saved().equals(Optional.of("6371")), "position 6371 saved");
        await(v1.stop());

        // Down: the stop fills (6372) and the account moves on to 6375. The next run reads on from 6371.
        WM.resetAll();
        summaryAt("6375");
        WM.stubFor(get(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo("6371")).willReturn(okJson(OandaFixtures.transactionsPage("6375",
                OandaFixtures.stopLossFillTx("6372", "6361", "6360", "-1000", "1.08501", "0.0500")))));
        WM.stubFor(get(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo("6372")).willReturn(okJson(OandaFixtures.transactionsPage("6375"))));
        List<LiveVenue.Event> second = new CopyOnWriteArrayList<>();
        OandaVenue v2 = venue(second);
        awaitTrue(() -> second.stream().anyMatch(e -> e instanceof LiveVenue.ClosedAtVenue), "the stop reported");
        await(v2.stop());

        assertThat(second).filteredOn(e -> e instanceof LiveVenue.ClosedAtVenue).singleElement().satisfies(e -> {
            LiveVenue.ClosedAtVenue c = (LiveVenue.ClosedAtVenue) e;
            assertThat(c.side()).isEqualTo(Side.SELL);
            assertThat(c.qty()).isEqualByComparingTo("1000");
            assertThat(c.execId()).isEqualTo("oanda-" + ACCOUNT + "-6372");
            assertThat(c.timeMs()).isEqualTo(TIME_MS);
        });
        WM.verify(getRequestedFor(urlPathEqualTo(SINCE)).withQueryParam("id", equalTo("6371")));
        assertThat(saved()).contains("6372");
        assertThat(first).singleElement().isEqualTo(new LiveVenue.FundingFee("EUR_USD", new BigDecimal("0.0123"), TIME_MS,
                "oanda-" + ACCOUNT + "-6371-EUR_USD"));
    }

    private Optional<String> saved() {
        try {
            return VenueCursor.sql(db.pool(), "oanda").load().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
