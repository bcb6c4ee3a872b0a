package dev.meridian.execution;

import dev.meridian.testing.Poll;

import dev.meridian.exchange.ExecStatus;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.bus.Addresses;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.bus.Watermark;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.core.Tick;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.Ledger;
import dev.meridian.portfolio.LedgerStore;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.PortfolioVerticle;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.portfolio.WalletCapsUpdate;
import dev.meridian.store.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router with the real portfolio and ledger on embedded PostgreSQL and a scripted live venue:
 * live orders are booked exactly once through duplicate executions, the double-Filled race, Allow
 * Funds going OFF, a venue that is not ready, a refusal, and a restart in the middle of an order.
 */
class LiveRouterIT {
    @TempDir Path stateDir;
    private Vertx vertx;
    private RouterChain chain;
    private Database db;
    private final ScriptedVenue venue = new ScriptedVenue();
    private String execDeployment;

    private static final Map<AssetClass, BigDecimal> ALLOCATION = Map.of(AssetClass.SPOT, new BigDecimal("14000"));

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        RecordCodecs.registerAll(vertx.eventBus(), Order.class, Fill.class, OrderRejected.class, Watermark.class, Tick.class,
                FundsState.class, PositionChange.class, PortfolioSnapshot.class, ClosedTrade.class, WalletCapsUpdate.class,
                ExecStatus.class);
        db = Database.open(vertx, stateDir, Optional.empty());
        chain = new RouterChain(vertx, db.pool());
        LedgerStore store = new LedgerStore(db.pool());
        LedgerStore.Loaded loaded = store.load(ALLOCATION).await();
        vertx.deployVerticle(new PortfolioVerticle(new Ledger(loaded.subLedgers(), loaded.positions()), store, dev.meridian.config.RiskPolicy.DEFAULT_FUNDING_RATE_8H)).await();
        deployRouter(funds(true));
    }

    @AfterEach
    void stop() {
        db.close().await();
        vertx.close().await();
    }

    private void deployRouter(FundsState f) {
        execDeployment = vertx.deployVerticle(new ExecutionVerticle(new PaperVenue(new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("2")), f,
                List.of(venue), Optional.of(new LiveOrderStore(db.pool())), new ExecutionVerticle.Params(1_000, 200))).await();
        // The paper venue prices paper orders off the last trade it saw.
        vertx.eventBus().publish(Addresses.MD_TICK, new Tick("BTCUSDT", AssetClass.SPOT, 900, new BigDecimal("800"), BigDecimal.ONE, 0, false));
    }

    private static FundsState funds(boolean allow) {
        return new FundsState(allow, false, Map.of(AssetClass.SPOT, true, AssetClass.PERP, false, AssetClass.OPTIONS, false,
                AssetClass.FOREX, false), new BigDecimal("0.10"), Optional.empty());
    }

    static Order order(String id, long seq, Side side, boolean entry, String qty, boolean paper) {
        return order(id, seq, side, entry, qty, paper, "800");
    }

    static Order order(String id, long seq, Side side, boolean entry, String qty, boolean paper, String refPrice) {
        return new Order(id, "live", seq, 1_000 + seq, "BTCUSDT", AssetClass.SPOT, side, entry, new BigDecimal(qty),
                new BigDecimal(refPrice), new BigDecimal("790"), BigDecimal.ONE, new BigDecimal("14000"), new BigDecimal("10"),
                new BigDecimal("0.125"), Mode.INTRADAY_TREND, Regime.TREND_UP, SessionLabel.EU, 0.7, false, "FIXED", paper);
    }

    @Test
    void aLiveRoundTripIsBookedOnceThroughDuplicatesTheDoubleFilledRaceAndAllowFundsGoingOff() {
        Order entry = order("o-entry", 1, Side.BUY, true, "0.0125", false);
        chain.send(entry);
        Poll.until(() -> venue.placed.size() == 1, "the entry at the venue");
        String link = venue.placed.get(0).orderLinkId();
        assertThat(link).isEqualTo(OrderLinkIds.of("o-entry")).hasSize(36);
        // The request was stored before it left.
        assertThat(chain.count("SELECT count(*) FROM live_orders WHERE order_link_id = '" + link + "'")).isEqualTo(1);

        venue.execute(link, "e1", "0.005", "800.5", "0.000005", "0", true);
        venue.pushAgain(venue.executions.get(link).get(0));                       // a duplicate push
        venue.execute(link, "e2", "0.0075", "801", "0.0000075", "0", true);
        venue.status(link, OrderStatus.FILLED, "0.0125", true);
        venue.status(link, OrderStatus.FILLED, "0.0125", true);                     // the cancel-vs-fill race: Filled twice
        chain.watermark(1);

        Row fill = chain.one("SELECT qty, price, fee, slippage, paper FROM fills WHERE id = 'o-entry-live'");
        // Net of the base-coin fee: 0.0125 − 0.0000125 = 0.0124875 BTC held.
        assertThat(fill.getBigDecimal(0)).isEqualByComparingTo("0.0124875");
        // Cash paid = 0.005 × 800.5 + 0.0075 × 801 = 4.0025 + 6.0075 = 10.01, split as qty × price + fee.
        BigDecimal paid = fill.getBigDecimal(0).multiply(fill.getBigDecimal(1)).add(fill.getBigDecimal(2));
        assertThat(paid.subtract(new BigDecimal("10.01")).abs()).isLessThan(new BigDecimal("1e-25"));
        assertThat(fill.getBoolean(4)).isFalse();
        // Executions are written beside the booking, not before its acknowledgement: wait for them.
        Poll.until(() -> chain.count("SELECT count(*) FROM live_executions") == 2, "both executions stored");
        assertThat(chain.one("SELECT paper FROM positions").getBoolean(0)).isFalse();

        // The owner turns Allow Funds OFF: the live position is still closed at the venue.
        vertx.eventBus().publish(Addresses.EVT_FUNDS, funds(false));
        chain.send(order("o-exit", 2, Side.SELL, false, "0.0124875", false));
        Poll.until(() -> venue.placed.size() == 2, "the exit at the venue");
        String exitLink = venue.placed.get(1).orderLinkId();
        venue.execute(exitLink, "e3", "0.0124875", "810", "0", "0.0101", true);
        venue.status(exitLink, OrderStatus.FILLED, "0.0124875", true);
        chain.watermark(2);
        Row trade = chain.one("SELECT paper, qty FROM trades");
        assertThat(trade.getBoolean(0)).isFalse();
        assertThat(trade.getBigDecimal(1)).isEqualByComparingTo("0.0124875");
        assertThat(chain.count("SELECT count(*) FROM positions")).isZero();

        // A new entry with Allow Funds OFF flips back to paper: nothing reaches the venue.
        chain.send(order("o-entry-2", 3, Side.BUY, true, "0.0125", false));
        chain.watermark(3);
        assertThat(venue.placed).hasSize(2);
        assertThat(chain.one("SELECT paper FROM fills WHERE order_id = 'o-entry-2'").getBoolean(0)).isTrue();
    }

    @Test
    void noSecondOrderForASymbolWhileItsLiveOrderIsStillWorkingAfterTheHold() {
        chain.send(order("o-entry", 1, Side.BUY, true, "0.0125", false));
        Poll.until(() -> venue.placed.size() == 1, "the entry at the venue");
        String link = venue.placed.get(0).orderLinkId();
        venue.execute(link, "e1", "0.0125", "800", "0", "0.01", true);
        venue.status(link, OrderStatus.FILLED, "0.0125", true);
        chain.watermark(1);

        chain.send(order("o-exit", 2, Side.SELL, false, "0.0125", false));
        Poll.until(() -> venue.placed.size() == 2, "the exit at the venue");
        // The venue sits on the exit past the router's hold (1 s here); the strategy signals the exit
        // again, and a new entry for the same symbol arrives too: neither may reach the venue.
        chain.watermark(2);
        chain.send(order("o-exit-again", 3, Side.SELL, false, "0.0125", false));
        chain.send(order("o-entry-again", 4, Side.BUY, true, "0.0125", true));
        chain.watermark(4);
        assertThat(venue.placed).hasSize(2);
        assertThat(chain.count("SELECT count(*) FROM orders WHERE status = 'REJECTED' AND reason LIKE '%still working at the venue%'"))
                .isEqualTo(2);

        String exitLink = venue.placed.get(1).orderLinkId();
        venue.execute(exitLink, "e2", "0.0125", "805", "0", "0.01", true);
        venue.status(exitLink, OrderStatus.FILLED, "0.0125", true);
        chain.watermark(5);
        Row trade = chain.one("SELECT entry_time <= exit_time, qty FROM trades");
        assertThat(trade.getBoolean(0)).isTrue();
        assertThat(chain.count("SELECT count(*) FROM positions")).isZero();
    }

    @Test
    void anExitDecidedBeforeTheOpenPositionsEntryIsRefusedAsStale() {
        // Paper entry decided at 1005; an exit decided at 1003 (it waited behind a live order) arrives after it.
        vertx.eventBus().publish(Addresses.MD_TICK, new Tick("BTCUSDT", AssetClass.SPOT, 900, new BigDecimal("800"), BigDecimal.ONE, 0, false));
        chain.send(order("o-entry", 5, Side.BUY, true, "0.0125", true));
        chain.watermark(5);
        chain.send(order("o-exit-old", 3, Side.SELL, false, "0.0125", true));
        chain.watermark(6);
        assertThat(chain.count("SELECT count(*) FROM orders WHERE id = 'o-exit-old' AND status = 'REJECTED' AND reason LIKE '%stale exit%'"))
                .isEqualTo(1);
        assertThat(chain.count("SELECT count(*) FROM positions")).isEqualTo(1);
        assertThat(chain.count("SELECT count(*) FROM trades")).isZero();
    }

    @Test
    void aRestartMidOrderEndsWithExactlyOneBookedOrderAndItsFill() {
        chain.send(order("o-crash", 1, Side.BUY, true, "0.0125", false));
        Poll.until(() -> venue.placed.size() == 1, "the order at the venue");
        String link = venue.placed.get(0).orderLinkId();
        chain.watermark(1);   // the hold times out: the chain goes on while the order is open
        vertx.undeploy(execDeployment).await();

        // While the router is down the venue fills the order; the stream's pushes are lost.
        venue.execute(link, "x1", "0.0125", "800", "0.0000125", "0", false);
        venue.status(link, OrderStatus.FILLED, "0.0125", false);

        deployRouter(funds(true));
        Poll.until(() -> {
            try {
                return chain.count("SELECT count(*) FROM live_orders WHERE status = 'FILLED'") == 1;
            } catch (RuntimeException e) {
                return false;
            }
        }, "reconciliation");
        chain.watermark(2);
        assertThat(chain.count("SELECT count(*) FROM fills WHERE id = 'o-crash-live'")).isEqualTo(1);
        assertThat(chain.count("SELECT count(*) FROM audit_log WHERE what LIKE '%recovered%'")).isEqualTo(1);
        assertThat(venue.placed).hasSize(1);                   // never sent twice

        // Another restart finds nothing left to do.
        vertx.undeploy(execDeployment).await();
        deployRouter(funds(true));
        chain.watermark(3);
        assertThat(chain.count("SELECT count(*) FROM fills")).isEqualTo(1);
        assertThat(venue.placed).hasSize(1);
    }

    @Test
    void aPartialFillThenCancelBooksThePartAndARefusalIsRecorded() {
        chain.send(order("o-part", 1, Side.BUY, true, "0.0125", false));
        Poll.until(() -> venue.placed.size() == 1, "the order at the venue");
        String link = venue.placed.get(0).orderLinkId();
        venue.execute(link, "p1", "0.004", "800", "0.000004", "0", true);
        venue.status(link, OrderStatus.CANCELLED, "0.004", true);
        chain.watermark(1);
        assertThat(chain.one("SELECT qty FROM positions").getBigDecimal(0)).isEqualByComparingTo("0.003996");

        venue.onPlace = r -> new LiveVenue.PlaceOutcome(LiveVenue.Placed.REJECTED, "170131 Insufficient balance");
        chain.send(order("o-refused", 2, Side.BUY, true, "0.0125", false));
        chain.watermark(2);
        assertThat(chain.one("SELECT status, reason FROM orders WHERE id = 'o-refused'").getString(1))
                .contains("170131 Insufficient balance");
        assertThat(chain.count("SELECT count(*) FROM fills WHERE order_id = 'o-refused'")).isZero();
    }

    @Test
    void anOpenOrderTheBotDidNotPlaceIsAuditedOnceAndLeftAlone() {
        venue.status("manual-1", OrderStatus.NEW, "0", false);       // the owner placed it by hand
        Poll.until(() -> chain.count("SELECT count(*) FROM audit_log WHERE what LIKE '%not placed by this bot%'") == 1, "the audit entry");
        try {
            Thread.sleep(1_000);                                      // several reconciliation rounds later…
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(chain.count("SELECT count(*) FROM audit_log WHERE what LIKE '%manual-1%'")).isEqualTo(1);
        assertThat(venue.orders.get("manual-1").status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void aVenueThatIsNotReadySendsEntriesToPaperAndRefusesLiveExits() {
        venue.ready = false;
        chain.send(order("o-nr", 1, Side.BUY, true, "0.0125", false));
        chain.watermark(1);
        assertThat(venue.placed).isEmpty();
        assertThat(chain.one("SELECT paper FROM fills WHERE order_id = 'o-nr'").getBoolean(0)).isTrue();
        // A live exit cannot be sent: refused with the venue's status, the (paper) position untouched.
        chain.send(order("o-nr-exit", 2, Side.SELL, false, "0.0125", false));
        chain.watermark(2);
        assertThat(chain.one("SELECT reason FROM orders WHERE id = 'o-nr-exit'").getString(0)).contains("keys rejected");
        assertThat(chain.count("SELECT count(*) FROM positions")).isEqualTo(1);
    }
}
