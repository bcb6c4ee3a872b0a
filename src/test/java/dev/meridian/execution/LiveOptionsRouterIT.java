package dev.meridian.execution;

import dev.meridian.testing.Poll;

import dev.meridian.bus.Addresses;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.core.TicketLeg;
import dev.meridian.exchange.LiveVenue;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live option packages through the router and the portfolio on real PostgreSQL, against a
 * scripted options venue that fills each IOC leg as told: a bull call spread opened and closed as
 * all-or-nothing leg orders and booked at the legs' real prices and fees; an iron condor whose
 * second short leg is refused, unwound leg by leg, with the unwind's cost booked and the package
 * order recorded as rejected with the reason; a package on the synthetic chain never sent.
 */
class LiveOptionsRouterIT {
    private static final String BULL = "BTC BULL_CALL_SPREAD 27DEC26 +100000C -105000C";
    private static final String CONDOR = "BTC IRON_CONDOR 27DEC26 +80000P -85000P -105000C +110000C";

    @TempDir Path stateDir;
    private Vertx vertx;
    private RouterChain chain;
    private final ScriptedVenue venue = new ScriptedVenue();
    private final List<OrderRejected> rejected = new CopyOnWriteArrayList<>();
    /** Fill price per contract symbol and side ("BUY BTC-…"), or absent = the venue refuses the leg. */
    private final Map<String, String> fillAt = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        vertx.eventBus().<OrderRejected>consumer(Addresses.EVT_ORDER_REJECTED, m -> rejected.add(m.body()));
        chain = RouterChain.live(vertx, stateDir, AssetClass.OPTIONS, new BigDecimal("1000"), venue,
                new ExecutionVerticle.Params(1_000, 200, 2_000, new BigDecimal("0.2")));
        // Each leg (and unwind) order fills at once at the scripted price with a 0.01 fee, or is refused.
        venue.onPlace = r -> {
            String price = fillAt.get(r.side() + " " + r.symbol());
            if (price == null) return new LiveVenue.PlaceOutcome(LiveVenue.Placed.REJECTED, "110007 ab not enough for new order");
            Vertx.currentContext().runOnContext(v -> {
                venue.execute(r.orderLinkId(), r.orderLinkId() + "-x", r.qty().toPlainString(), price, "0", "0.01", true);
                venue.status(r.orderLinkId(), OrderStatus.FILLED, r.qty().toPlainString(), true);
            });
            return new LiveVenue.PlaceOutcome(LiveVenue.Placed.PLACED, "");
        };
    }

    @AfterEach
    void stop() {
        chain.close();
        vertx.close().await();
    }

    @Test
    void aDebitSpreadOpensAndClosesLegByLegAndBooksTheLegsRealPrices() {
        // Judged at 500 ask / 300 bid: 200 per package unit, mid 190.
        chain.send(order("bull-in", 1, BULL, Side.BUY, true, "190", ticket("200", false,
                leg("BTC-27DEC26-100000-C", Side.BUY, "500"), leg("BTC-27DEC26-105000-C", Side.SELL, "300"))));
        fillAt.put("BUY BTC-27DEC26-100000-C", "498");
        fillAt.put("SELL BTC-27DEC26-105000-C", "300");
        Poll.until(() -> venue.placed.size() == 2, "both legs at the venue");
        chain.watermark(1);
        List<OrderRequest> legs = venue.placed;
        assertThat(legs).allSatisfy(r -> {
            assertThat(r.ioc()).isTrue();
            assertThat(r.orderLinkId()).matches("mer-[0-9a-f]{29}-L[01]");
        });
        assertThat(legs.get(0).side()).isEqualTo(Side.BUY);
        assertThat(legs.get(0).limitPrice()).contains(new BigDecimal("500"));
        Row p = chain.one("SELECT symbol, side, qty, entry_price, paper FROM positions");
        assertThat(p.getString(0)).isEqualTo(BULL);
        // (0.1 × 498 − 0.1 × 300) / 0.1 = 198 per unit: the bought leg filled 2 better than its ask.
        assertThat(p.getBigDecimal(3)).isEqualByComparingTo("198");
        assertThat(p.getBoolean(4)).isFalse();
        // 1000 − 0.1 × 198 − two legs' fees of 0.01.
        assertThat(cash()).isEqualByComparingTo("980.18");

        fillAt.put("SELL BTC-27DEC26-100000-C", "600");
        fillAt.put("BUY BTC-27DEC26-105000-C", "350");
        chain.send(order("bull-out", 2, BULL, Side.SELL, false, "255", ticket("250", false,
                leg("BTC-27DEC26-100000-C", Side.SELL, "600"), leg("BTC-27DEC26-105000-C", Side.BUY, "350"))));
        Poll.until(() -> venue.placed.size() == 4, "both closing legs at the venue");
        chain.watermark(2);
        assertThat(chain.count("SELECT count(*) FROM positions")).isZero();
        Row t = chain.one("SELECT net_pnl, fees, gross_pnl, slippage FROM trades");
        // Received 0.1 × 600 − 0.1 × 350 = 25 for what cost 19.8; four legs' fees 0.04: net 5.16.
        assertThat(t.getBigDecimal(0)).isEqualByComparingTo("5.16");
        assertThat(t.getBigDecimal(1)).isEqualByComparingTo("0.04");
        assertThat(t.getBigDecimal(0)).isEqualByComparingTo(t.getBigDecimal(2).subtract(t.getBigDecimal(1)).subtract(t.getBigDecimal(3)));
        assertThat(cash()).isEqualByComparingTo("1005.16");
        assertThat(rejected).isEmpty();
        assertThat(chain.count("SELECT count(*) FROM audit_log WHERE who = 'router' AND what LIKE '%option package " + BULL + " FILLED%'"))
                .isEqualTo(2);
    }

    @Test
    void aCondorWhoseSecondShortLegIsRefusedIsUnwoundAndTheUnwindCostIsBooked() {
        fillAt.put("BUY BTC-27DEC26-80000-P", "100");
        fillAt.put("BUY BTC-27DEC26-110000-C", "90");
        fillAt.put("SELL BTC-27DEC26-85000-P", "200");
        // SELL 105000-C is refused. Unwinds: the short put bought back at 220, the longs sold at 90 and 80.
        fillAt.put("BUY BTC-27DEC26-85000-P", "220");
        fillAt.put("SELL BTC-27DEC26-80000-P", "90");
        fillAt.put("SELL BTC-27DEC26-110000-C", "80");
        chain.send(order("ic-in", 1, CONDOR, Side.SELL, true, "220", ticket("220", false,
                leg("BTC-27DEC26-80000-P", Side.BUY, "100"), leg("BTC-27DEC26-85000-P", Side.SELL, "200"),
                leg("BTC-27DEC26-105000-C", Side.SELL, "210"), leg("BTC-27DEC26-110000-C", Side.BUY, "90"))));
        Poll.until(() -> venue.placed.size() == 7, "four legs tried, three unwinds");
        chain.watermark(1);
        List<String> sent = new ArrayList<>();
        for (OrderRequest r : venue.placed) sent.add(r.side() + " " + r.symbol() + (r.reduceOnly() ? " reduce-only" : ""));
        // Bought legs first, then the shorts; the unwind buys the short back before selling the longs.
        assertThat(sent).containsExactly("BUY BTC-27DEC26-80000-P", "BUY BTC-27DEC26-110000-C", "SELL BTC-27DEC26-85000-P",
                "SELL BTC-27DEC26-105000-C", "BUY BTC-27DEC26-85000-P reduce-only", "SELL BTC-27DEC26-80000-P reduce-only",
                "SELL BTC-27DEC26-110000-C reduce-only");
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo(CONDOR);
            assertThat(r.reason()).startsWith("package UNWOUND: leg 2 SELL 0.1 BTC-27DEC26-105000-C failed: REJECTED: 110007");
        });
        assertThat(chain.count("SELECT count(*) FROM positions")).isZero();
        assertThat(chain.count("SELECT count(*) FROM orders WHERE id = 'ic-in' AND status = 'REJECTED'")).isEqualTo(1);
        // Three legs round-tripped: (90 − 100) × 0.1 + (200 − 220) × 0.1 + (80 − 90) × 0.1 = −4, and six fees of 0.01.
        assertThat(chain.count("SELECT count(*) FROM trades")).isEqualTo(3);
        assertThat(chain.one("SELECT sum(net_pnl) FROM trades").getBigDecimal(0)).isEqualByComparingTo("-4.06");
        assertThat(cash()).isEqualByComparingTo("995.94");
        // The legs' order ids were audited before the first left, and the outcome after.
        Row sending = chain.one("SELECT after FROM audit_log WHERE who = 'router' AND what LIKE '%option package " + CONDOR + " sending'");
        assertThat(((io.vertx.core.json.JsonObject) sending.getValue(0)).getJsonObject("legs").fieldNames())
                .allMatch(id -> id.matches("mer-[0-9a-f]{29}-L[0-3]")).hasSize(4);
        assertThat(chain.count("SELECT count(*) FROM audit_log WHERE who = 'router' AND what LIKE '%option package " + CONDOR + " UNWOUND%'"))
                .isEqualTo(1);
    }

    @Test
    void aPackageOnTheSyntheticChainIsNeverSentToTheVenue() {
        chain.send(order("syn-in", 1, "SYNTHETIC " + BULL, Side.BUY, true, "190", ticket("200", true,
                leg("BTC-27DEC26-100000-C", Side.BUY, "500"), leg("BTC-27DEC26-105000-C", Side.SELL, "300"))));
        chain.watermark(1);
        assertThat(venue.placed).isEmpty();
        assertThat(chain.one("SELECT paper, entry_price FROM positions").getBoolean(0)).isTrue();
    }

    private static TicketLeg leg(String symbol, Side side, String price) {
        return new TicketLeg(symbol, side, new BigDecimal("0.1"), new BigDecimal(price));
    }

    private static PackageTicket ticket(String fill, boolean synthetic, TicketLeg... legs) {
        return new PackageTicket(new BigDecimal("0.1"), new BigDecimal(fill), new BigDecimal("0.04"), new BigDecimal("20"),
                new BigDecimal("20"), List.of(legs), synthetic);
    }

    private static Order order(String id, long seq, String symbol, Side side, boolean entry, String ref, PackageTicket t) {
        return new Order(id, "live", seq, 1_000 + seq, symbol, AssetClass.OPTIONS, side, entry, new BigDecimal("0.1"),
                new BigDecimal(ref), BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("1000"), new BigDecimal("20"),
                new BigDecimal("20"), Mode.OPTIONS, Regime.TREND_UP, SessionLabel.EU, 0.6, false, "OPTIONS_PREMIUM", false, t);
    }

    private BigDecimal cash() { return chain.one("SELECT cash FROM sub_ledgers WHERE asset_class = 'OPTIONS'").getBigDecimal(0); }
}
