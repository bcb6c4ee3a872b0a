package dev.meridian.execution;

import dev.meridian.testing.Poll;

import dev.meridian.core.AssetClass;
import dev.meridian.core.FundingFee;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderStatus;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live forex round trip through the router and the portfolio on real PostgreSQL, against a
 * scripted OANDA-like venue: the entry carries the sizer's stop to the venue (stop-loss on fill),
 * and when the venue's stop closes the position by its own order (reported twice, as a
 * redelivery would), the portfolio books that close once as the position's exit, in USD; the
 * night's financing OANDA charged is booked once as a fee on the position.
 */
class LiveForexRouterIT {
    @TempDir Path stateDir;
    private Vertx vertx;
    private RouterChain chain;
    private final ScriptedVenue venue = new ScriptedVenue();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        chain = RouterChain.live(vertx, stateDir, AssetClass.FOREX, new BigDecimal("5000"), venue, new ExecutionVerticle.Params(1_000, 200));
    }

    @AfterEach
    void stop() {
        chain.close();
        vertx.close().await();
    }

    @Test
    void theEntryCarriesItsStopAndTheVenuesStopCloseIsBookedOnceAsTheExit() {
        chain.send(new Order("fx-entry", "live", 1, 1_001, "USD_JPY", AssetClass.FOREX, Side.BUY, true, new BigDecimal("1000"),
                new BigDecimal("150.000"), new BigDecimal("149.700"), new BigDecimal("2"), new BigDecimal("5000"),
                new BigDecimal("1000"), new BigDecimal("2"), Mode.INTRADAY_TREND, Regime.TREND_UP, SessionLabel.ASIA, 0.7, false,
                "RISK", false));
        Poll.until(() -> venue.placed.size() == 1, "the entry at the venue");
        var entry = venue.placed.get(0);
        assertThat(entry.stopLoss()).contains(new BigDecimal("149.700"));
        venue.execute(entry.orderLinkId(), "oanda-acct-101", "1000", "150.000", "0", "0", true);
        venue.status(entry.orderLinkId(), OrderStatus.FILLED, "1000", true);
        chain.watermark(1);
        assertThat(chain.one("SELECT side, paper FROM positions").getString(0)).isEqualTo("BUY");

        // A night's financing (OANDA charged 0.05 USD), reported twice, is booked once as a fee on the position.
        LiveVenue.FundingFee night = new LiveVenue.FundingFee("USD_JPY", new BigDecimal("0.05"), 1_400, "oanda-acct-101b-USD_JPY");
        venue.push(night);
        venue.push(night);
        long seq = chain.watermarksUntil(2, () -> chain.count("SELECT count(*) FROM funding_payments") == 1, "the financing booked");
        assertThat(chain.one("SELECT entry_fees FROM positions").getBigDecimal(0)).isEqualByComparingTo("0.05");
        assertThat(chain.count("SELECT count(*) FROM funding_payments WHERE exec_id = 'oanda-acct-101b-USD_JPY' AND asset_class = 'FOREX'"))
                .isEqualTo(1);

        // OANDA's stop fills at 149.700; the report arrives twice.
        LiveVenue.ClosedAtVenue close = new LiveVenue.ClosedAtVenue("USD_JPY", Side.SELL, new BigDecimal("1000"),
                new BigDecimal("149.700"), BigDecimal.ZERO, 1_500, "oanda-acct-102", "STOP_LOSS_ORDER");
        venue.push(close);
        venue.push(close);
        chain.watermark(seq);
        assertThat(chain.count("SELECT count(*) FROM positions")).isZero();
        Row t = chain.one("SELECT net_pnl, exit_price, side, fees FROM trades");
        // 1000 × (149.700 − 150.000) = −300 JPY, at the exit's 149.700 JPY per USD: −2.00400801… USD, less 0.05 of financing.
        assertThat(t.getBigDecimal(0).doubleValue()).isCloseTo(-300 / 149.7 - 0.05, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(t.getBigDecimal(3)).isEqualByComparingTo("0.05");
        assertThat(t.getBigDecimal(1)).isEqualByComparingTo("149.700");
        assertThat(chain.count("SELECT count(*) FROM fills WHERE id = 'venue-close-oanda-acct-102-live'")).isEqualTo(1);
        assertThat(chain.one("SELECT cash FROM sub_ledgers WHERE asset_class = 'FOREX'").getBigDecimal(0).doubleValue())
                .isCloseTo(5000 - 300 / 149.7 - 0.05, org.assertj.core.data.Offset.offset(1e-8));
    }
}
