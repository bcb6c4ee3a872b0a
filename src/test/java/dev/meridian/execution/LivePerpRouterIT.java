package dev.meridian.execution;

import dev.meridian.testing.Poll;

import dev.meridian.bus.Addresses;
import dev.meridian.core.AssetClass;
import dev.meridian.core.FundingFee;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.VenuePosition;
import dev.meridian.portfolio.FundingPaid;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live perp round trip through the router and the portfolio on real PostgreSQL, against a
 * scripted venue: the short entry carries the sizer's leverage, the exit goes reduce-only, funding
 * the venue settles (delivered twice) is booked once as a fee on the position and carried into the
 * trade's fees, and position frames reach the bus for the liquidation-buffer rail.
 */
class LivePerpRouterIT {
    @TempDir Path stateDir;
    private Vertx vertx;
    private RouterChain chain;
    private final ScriptedVenue venue = new ScriptedVenue();
    private final List<VenuePosition> positions = new CopyOnWriteArrayList<>();
    private final List<FundingPaid> fundings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        vertx.eventBus().<VenuePosition>consumer(Addresses.EVT_POSITION_RISK, m -> positions.add(m.body()));
        vertx.eventBus().<FundingPaid>consumer(Addresses.EVT_FUNDING, m -> fundings.add(m.body()));
        chain = RouterChain.live(vertx, stateDir, AssetClass.PERP, new BigDecimal("5000"), venue, new ExecutionVerticle.Params(1_000, 200));
    }

    @AfterEach
    void stop() {
        chain.close();
        vertx.close().await();
    }

    private static Order order(String id, long seq, Side side, boolean entry) {
        return new Order(id, "live", seq, 1_000 + seq, "BTCUSDT", AssetClass.PERP, side, entry, new BigDecimal("0.002"),
                new BigDecimal("60000"), new BigDecimal("61200"), new BigDecimal("2"), new BigDecimal("5000"), new BigDecimal("120"),
                new BigDecimal("2.4"), Mode.INTRADAY_TREND, Regime.TREND_DOWN, SessionLabel.EU, 0.7, false, "FIXED", false);
    }

    @Test
    void aLiveShortCarriesItsLeverageExitsReduceOnlyAndBooksFundingOnceAsAFee() {
        chain.send(order("p-entry", 1, Side.SELL, true));
        Poll.until(() -> venue.placed.size() == 1, "the entry at the venue");
        var entry = venue.placed.get(0);
        assertThat(entry.leverage()).isEqualByComparingTo("2");
        assertThat(entry.reduceOnly()).isFalse();
        assertThat(entry.side()).isEqualTo(Side.SELL);
        venue.execute(entry.orderLinkId(), "x1", "0.002", "60000", "0", "0.066", true);
        venue.status(entry.orderLinkId(), OrderStatus.FILLED, "0.002", true);
        chain.watermark(1);
        assertThat(chain.one("SELECT side, paper FROM positions").getString(0)).isEqualTo("SELL");

        // The venue settles funding (a short receives 0.012 here) and redelivers it after a reconnect.
        venue.push(new LiveVenue.FundingFee("BTCUSDT", new BigDecimal("-0.012"), 1_500, "fund-1"));
        venue.push(new LiveVenue.FundingFee("BTCUSDT", new BigDecimal("-0.012"), 1_500, "fund-1"));
        venue.push(new LiveVenue.PositionRisk("BTCUSDT", new BigDecimal("-0.002"), Optional.of(new BigDecimal("89000")),
                Optional.of(new BigDecimal("59950")), 1_600));
        Poll.until(() -> !positions.isEmpty(), "the position frame on the bus");
        assertThat(positions.get(0).liqPrice()).contains(new BigDecimal("89000"));
        assertThat(positions.get(0).size()).isEqualByComparingTo("-0.002");
        long next = chain.watermarksUntil(2, () -> fundings.size() == 1, "the funding published");
        assertThat(chain.count("SELECT count(*) FROM funding_payments WHERE exec_id = 'fund-1' AND NOT paper")).isEqualTo(1);
        assertThat(chain.one("SELECT entry_fees FROM positions").getBigDecimal(0)).isEqualByComparingTo(new BigDecimal("0.066").subtract(new BigDecimal("0.012")));

        chain.send(order("p-exit", 3, Side.BUY, false));
        Poll.until(() -> venue.placed.size() == 2, "the exit at the venue");
        var exit = venue.placed.get(1);
        assertThat(exit.reduceOnly()).isTrue();
        assertThat(exit.side()).isEqualTo(Side.BUY);
        venue.execute(exit.orderLinkId(), "x2", "0.002", "59000", "0", "0.059", true);
        venue.status(exit.orderLinkId(), OrderStatus.FILLED, "0.002", true);
        chain.watermark(next);
        Row t = chain.one("SELECT fees, net_pnl, gross_pnl, slippage FROM trades");
        // Fees: the two fills' 0.066 + 0.059, less the 0.012 of funding received.
        assertThat(t.getBigDecimal(0)).isEqualByComparingTo("0.113");
        assertThat(t.getBigDecimal(1)).isEqualByComparingTo(t.getBigDecimal(2).subtract(t.getBigDecimal(0)).subtract(t.getBigDecimal(3)));
        // Short 0.002 from 60000 to 59000 = +2, less 0.113: the sub-ledger's cash moved by exactly that.
        assertThat(chain.one("SELECT cash FROM sub_ledgers WHERE asset_class = 'PERP'").getBigDecimal(0)).isEqualByComparingTo("5001.887");
    }
}
