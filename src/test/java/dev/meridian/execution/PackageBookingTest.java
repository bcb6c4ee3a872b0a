package dev.meridian.execution;

import dev.meridian.config.OptionsPolicy;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.options.PackageOrders;
import dev.meridian.options.PackageTrader;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.Ledger;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A package's entry and exit as orders ({@link PackageOrders}), filled at their tickets by
 * {@link PaperFills} and booked by the {@link Ledger}, give the trade {@link PackageTrader.Closed}
 * computes: gross = exit mid − entry mid, fees, slippage = the spread to the mids, and the
 * sub-ledger's cash ends at allocation + net, for a credit package (a SELL) and for a debit one
 * settled at expiry, including one that expires worthless (ref and fill price 0).
 */
class PackageBookingTest {
    private static final OptionsPolicy LENIENT = new OptionsPolicy(new BigDecimal("-1"), BigDecimal.ONE, new BigDecimal("1000"),
            BigDecimal.TEN, false, BigDecimal.ONE);
    private static final long T0 = Instant.parse("2013-11-25T09:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-12");

    private final PaperFills paper = new PaperFills(new PaperVenue(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN));

    @Test
    void aCreditCondorIsASellWhoseBookedTradeIsThePackageTradersAndCashAgrees() {
        PackageTrader t = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        PackageTrader.Open open = t.onBar("BTCUSD", T0, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"))
                .opened().orElseThrow();
        PackageTrader.Closed closed = null;
        for (long t1 = T0 + HOUR; closed == null; t1 += HOUR) {
            closed = t.onBar("BTCUSD", t1, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000")).closed().orElse(null);
        }
        Ledger ledger = Ledger.fromAllocation(Map.of(AssetClass.OPTIONS, new BigDecimal("1000")));
        Fill entry = (Fill) paper.fill(entryOrder(open));
        assertThat(entry.order().side()).isEqualTo(Side.SELL);
        assertThat(entry.price()).as("the credit received per unit, below the mid").isPositive().isLessThan(entry.order().refPrice());
        assertThat(entry.fee()).isEqualByComparingTo(open.entryFees());
        Ledger.Booking in = ledger.apply(entry);
        assertThat(in.position().orElseThrow().marketValue()).as("a sold package is a liability").isNegative();
        assertThat(ledger.subLedger(AssetClass.OPTIONS).cash()).as("the credit is received")
                .isEqualByComparingTo(new BigDecimal("1000").subtract(open.entryFill()).subtract(open.entryFees()));
        ClosedTrade ct = ledger.apply((Fill) paper.fill(exitOrder(closed))).closed().orElseThrow();
        assertSame(ct, closed);
        assertThat(ct.side()).isEqualTo(Side.SELL);
        assertThat(ct.sizeUsd()).isEqualByComparingTo(open.pkg().maxLoss());
        assertThat(ledger.subLedger(AssetClass.OPTIONS).cash()).isEqualByComparingTo(new BigDecimal("1000").add(ct.netPnl()));
    }

    @Test
    void debitSpreadsSettledAtExpiryInOrOutOfTheMoneyBookTheirIntrinsicValue() {
        PackageTrader.Params p = PackageTrader.Params.defaults();
        PackageTrader.Params hold = new PackageTrader.Params(p.targetDays(), p.minDays(), p.maxDays(), p.longDelta(), p.shortDelta(),
                p.wingDelta(), p.ivPremium(), 100, 100, 0, p.feeOfUnderlying(), p.feeCapOfPremium(), p.qtyStep(), p.minQty(), p.chain());
        for (double atExpiry : new double[]{2_000, 100}) {
            PackageTrader t = new PackageTrader(hold, LENIENT);
            PackageTrader.Open open = t.onBar("BTCUSD", T0, 800, 0.8, Regime.TREND_UP, 0.9, true, BigDecimal.TEN,
                    new BigDecimal("1000")).opened().orElseThrow();
            PackageTrader.Closed closed = t.onBar("BTCUSD", open.pkg().expiryMs(), atExpiry, 0.8, Regime.TREND_UP, 0.9, true,
                    BigDecimal.TEN, BigDecimal.TEN).closed().orElseThrow();
            Ledger ledger = Ledger.fromAllocation(Map.of(AssetClass.OPTIONS, new BigDecimal("1000")));
            ledger.apply((Fill) paper.fill(entryOrder(open)));
            Order exit = exitOrder(closed);
            if (atExpiry < 800) assertThat(exit.refPrice()).as("worthless at expiry").isZero();
            ClosedTrade ct = ledger.apply((Fill) paper.fill(exit)).closed().orElseThrow();
            assertSame(ct, closed);
            assertThat(ct.side()).isEqualTo(Side.BUY);
            assertThat(ct.sizeUsd()).isEqualByComparingTo(open.pkg().netPremium());
            assertThat(ledger.subLedger(AssetClass.OPTIONS).cash()).isEqualByComparingTo(new BigDecimal("1000").add(ct.netPnl()));
        }
    }

    @Test
    void spotStaysLongOnlyWhileOptionsMaySell() {
        assertThat(Ledger.sellEntryAllowed(AssetClass.OPTIONS)).isTrue();
        assertThat(Ledger.sellEntryAllowed(AssetClass.SPOT)).isFalse();
        assertThat(AssetClass.OPTIONS.shortable()).as("the strategy does not short the underlying in OPTIONS").isFalse();
        assertThatThrownBy(() -> new Order("x", "s", 1, 1, "X", AssetClass.SPOT, Side.BUY, true, BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, Mode.OPTIONS, Regime.RANGE,
                SessionLabel.EU, 0, false, "", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrderWithOrWithoutATicketRoundTripsThroughTheLiveOrderStoresJson() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        PackageTicket t = new PackageTicket(new BigDecimal("0.04"), new BigDecimal("53.5"), new BigDecimal("0.04"),
                new BigDecimal("9.74"), new BigDecimal("9.74"));
        Order with = new Order("e", "s", 1, 1, "SYNTHETIC X", AssetClass.OPTIONS, Side.SELL, true, new BigDecimal("0.04"),
                new BigDecimal("53.8"), BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("9.74"), new BigDecimal("9.74"),
                Mode.OPTIONS, Regime.RANGE, SessionLabel.EU, 0.5, false, "OPTIONS_MAX_LOSS", true, t);
        Order without = new Order("e", "s", 1, 1, "BTCUSDT", AssetClass.SPOT, Side.BUY, true, BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, Mode.SCALP, Regime.RANGE,
                SessionLabel.EU, 0.5, false, "FIXED", true);
        assertThat(json.readValue(json.writeValueAsString(with), Order.class)).isEqualTo(with);
        assertThat(json.readValue(json.writeValueAsString(without), Order.class)).isEqualTo(without);
        assertThat(json.writeValueAsString(without)).doesNotContain("packageTicket");
    }

    private static void assertSame(ClosedTrade ct, PackageTrader.Closed c) {
        assertThat(ct.grossPnl().subtract(c.gross()).abs()).as("gross").isLessThan(TOLERANCE);
        assertThat(ct.fees()).as("fees").isEqualByComparingTo(c.fees());
        assertThat(ct.slippage().subtract(c.slippage()).abs()).as("slippage").isLessThan(TOLERANCE);
        assertThat(ct.netPnl().subtract(c.net()).abs()).as("net").isLessThan(TOLERANCE);
        assertThat(ct.netPnl()).isEqualByComparingTo(ct.grossPnl().subtract(ct.fees()).subtract(ct.slippage()));
        assertThat(ct.symbol()).isEqualTo(PackageOrders.symbol(c.open().pkg())).startsWith("SYNTHETIC BTCUSD ");
    }

    private static Order entryOrder(PackageTrader.Open o) {
        PackageTicket t = PackageOrders.entryTicket(o);
        return new Order("e", "s", 1, o.entryMs(), PackageOrders.symbol(o.pkg()), AssetClass.OPTIONS, PackageOrders.entrySide(o.pkg()),
                true, t.qty(), PackageOrders.entryRef(o), BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("1000"), t.sizeUsd(),
                t.riskUsd(), Mode.OPTIONS, o.regime(), SessionLabel.EU, o.regimeConfidence(), false, PackageOrders.boundBy(o.pkg()), true, t);
    }

    private static Order exitOrder(PackageTrader.Closed c) {
        PackageTicket t = PackageOrders.exitTicket(c);
        return new Order("x", "s", 2, c.exitMs(), PackageOrders.symbol(c.open().pkg()), AssetClass.OPTIONS,
                PackageOrders.exitSide(c.open().pkg()), false, t.qty(), PackageOrders.exitRef(c), BigDecimal.ZERO, BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Mode.OPTIONS, Regime.RANGE, SessionLabel.EU, 0, false, "", true, t);
    }
}
