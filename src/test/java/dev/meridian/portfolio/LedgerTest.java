package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Side;
import dev.meridian.exchange.paper.PaperExchange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static dev.meridian.exchange.paper.PaperExchangeTest.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {
    private final PaperExchange paper = new PaperExchange(new BigDecimal("10"), new BigDecimal("2"));

    @Test
    void roundTripBooksNetEqualToGrossMinusFeesMinusSlippageAndCashAgrees() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000"), AssetClass.OPTIONS, new BigDecimal("1000")));
        Fill in = paper.fill(order(Side.BUY, true, "0.0125", "800.00"), 1_000);
        Ledger.Booking opened = l.apply(in);
        assertThat(opened.position()).isPresent();
        assertThat(opened.closed()).isEmpty();
        Fill out = paper.fill(order(Side.SELL, false, "0.0125", "810.00"), 2_000);
        ClosedTrade t = l.apply(out).closed().orElseThrow();

        // gross at decision prices: 0.0125 × (810 − 800) = 0.125
        assertThat(t.grossPnl()).isEqualByComparingTo("0.125");
        assertThat(t.fees()).isEqualByComparingTo("0.020124975");     // 0.010002 + 0.010122975
        assertThat(t.slippage()).isEqualByComparingTo("0.004025");    // 0.002 + 0.002025
        assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
        assertThat(t.netPnl()).isEqualByComparingTo("0.100850025");
        assertThat(t.sizeUsd()).isEqualByComparingTo("10");
        assertThat(t.netReturnPct()).isEqualByComparingTo("1.00850025");
        // cash moved by exactly the net P&L, and equity with no position equals cash
        PortfolioSnapshot s = l.snapshot();
        PortfolioSnapshot.SubLedgerView spot = s.ledger(AssetClass.SPOT).orElseThrow();
        assertThat(spot.cash()).isEqualByComparingTo(new BigDecimal("14000").add(t.netPnl()));
        assertThat(spot.equity()).isEqualByComparingTo(spot.cash());
        assertThat(spot.realizedNetPnl()).isEqualByComparingTo(t.netPnl());
        assertThat(s.totalEquity()).isEqualByComparingTo(new BigDecimal("15000").add(t.netPnl()));
        assertThat(s.positions()).isEmpty();
    }

    @Test
    void openPositionIsMarkedToMarketInEquity() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000")));
        l.apply(paper.fill(order(Side.BUY, true, "0.0125", "800.00"), 1_000));
        assertThat(l.mark("BTCUSD", AssetClass.SPOT, new BigDecimal("900"))).isTrue();
        PortfolioSnapshot.SubLedgerView spot = l.snapshot().ledger(AssetClass.SPOT).orElseThrow();
        // cash 14000 − 10.002 − 0.010002 = 13989.987998; market value 0.0125 × 900 = 11.25
        assertThat(spot.cash()).isEqualByComparingTo("13989.987998");
        assertThat(spot.equity()).isEqualByComparingTo("14001.237998");
        assertThat(spot.unrealizedPnl()).isEqualByComparingTo("1.248");
    }

    @Test
    void fillsThatContradictTheBookAreRefused() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000")));
        assertThatThrownBy(() -> l.apply(paper.fill(order(Side.SELL, false, "1", "800"), 1)))
                .hasMessageContaining("no open position");
        assertThatThrownBy(() -> l.apply(paper.fill(order(Side.SELL, true, "1", "800"), 1)))
                .hasMessageContaining("long only");
        l.apply(paper.fill(order(Side.BUY, true, "0.0125", "800"), 1));
        assertThatThrownBy(() -> l.apply(paper.fill(order(Side.BUY, true, "0.0125", "800"), 2)))
                .hasMessageContaining("while a position is open");
        assertThatThrownBy(() -> l.apply(paper.fill(order(Side.SELL, false, "0.02", "800"), 3)))
                .hasMessageContaining("does not reduce");
    }

    @Test
    void aPartialExitClosesItsShareAndTheRemainderKeepsTheRest() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000")));
        Position opened = l.apply(paper.fill(order(Side.BUY, true, "0.0125", "800.00"), 1_000)).position().orElseThrow();
        // Entry costs: fee 0.010002, slippage 0.002 (see the round trip above).
        Ledger.Booking part = l.apply(paper.fill(order(Side.SELL, false, "0.005", "810.00"), 2_000));
        ClosedTrade t1 = part.closed().orElseThrow();
        Position rest = part.position().orElseThrow();
        // 0.005 of 0.0125 = 40 %: fees 0.0040008 + exit fee 0.005 × 809.838 × 10 bps = 0.004049190, etc.
        assertThat(t1.qty()).isEqualByComparingTo("0.005");
        assertThat(t1.sizeUsd()).isEqualByComparingTo("4");
        assertThat(t1.grossPnl()).isEqualByComparingTo("0.05");
        assertThat(t1.fees()).isEqualByComparingTo(new BigDecimal("0.0040008").add(new BigDecimal("0.00404919")));
        assertThat(t1.netPnl()).isEqualByComparingTo(t1.grossPnl().subtract(t1.fees()).subtract(t1.slippage()));
        assertThat(rest.qty()).isEqualByComparingTo("0.0075");
        assertThat(rest.entryFees()).isEqualByComparingTo("0.0060012");
        assertThat(rest.sizeUsd().add(t1.sizeUsd())).isEqualByComparingTo(opened.sizeUsd());
        ClosedTrade t2 = l.apply(paper.fill(order(Side.SELL, false, "0.0075", "810.00"), 3_000)).closed().orElseThrow();
        // The two parts carry exactly the entry's costs between them.
        assertThat(t1.fees().add(t2.fees()).subtract(t1.fees().subtract(new BigDecimal("0.0040008")))
                .subtract(t2.fees().subtract(new BigDecimal("0.0060012"))))
                .isEqualByComparingTo(opened.entryFees());
        assertThat(l.positions()).isEmpty();
        PortfolioSnapshot.SubLedgerView spot = l.snapshot().ledger(AssetClass.SPOT).orElseThrow();
        assertThat(spot.realizedNetPnl()).isEqualByComparingTo(t1.netPnl().add(t2.netPnl()));
        assertThat(spot.cash()).isEqualByComparingTo(new BigDecimal("14000").add(t1.netPnl()).add(t2.netPnl()));
    }

    private static dev.meridian.core.Order perp(Side side, boolean entry, String qty, String ref) {
        var o = order(side, entry, qty, ref);
        return new dev.meridian.core.Order(o.id(), o.source(), o.seq(), o.timeMs(), o.symbol(), AssetClass.PERP, side, entry,
                o.qty(), o.refPrice(), new BigDecimal("820"), new BigDecimal("2"), o.equityBefore(), o.sizeUsd(), o.riskUsd(),
                o.mode(), o.regime(), o.session(), o.signalScore(), o.goodSetup(), o.boundBy(), o.paper());
    }

    @Test
    void aPerpShortPaysOnlyFeesUpFrontIsWorthItsUnrealizedPnlAndBooksTheSameIdentity() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.PERP, new BigDecimal("5000")));
        // Sell 0.0125 at 800 × (1 − 2 bps) = 799.84; fee 0.0125 × 799.84 × 10 bps = 0.009998.
        Position p = l.apply(paper.fill(perp(Side.SELL, true, "0.0125", "800.00"), 1_000)).position().orElseThrow();
        assertThat(p.side()).isEqualTo(Side.SELL);
        PortfolioSnapshot.SubLedgerView perp = l.snapshot().ledger(AssetClass.PERP).orElseThrow();
        assertThat(perp.cash()).as("margin, not notional: only the fee leaves").isEqualByComparingTo("4999.990002");
        // The market falls to 780: a short gains 0.0125 × (799.84 − 780) = 0.248 against its fill.
        l.mark("BTCUSD", AssetClass.PERP, new BigDecimal("780"));
        perp = l.snapshot().ledger(AssetClass.PERP).orElseThrow();
        assertThat(perp.unrealizedPnl()).isEqualByComparingTo("0.248");
        assertThat(perp.equity()).isEqualByComparingTo("5000.238002");

        // Buy back at 780 × (1 + 2 bps) = 780.156; fee 0.0125 × 780.156 × 10 bps = 0.00975195.
        ClosedTrade t = l.apply(paper.fill(perp(Side.BUY, false, "0.0125", "780.00"), 2_000)).closed().orElseThrow();
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.grossPnl()).as("0.0125 × (800 − 780) at the decision prices").isEqualByComparingTo("0.25");
        assertThat(t.slippage()).isEqualByComparingTo("0.00395");   // 0.0125 × (0.16 + 0.156)
        assertThat(t.fees()).isEqualByComparingTo("0.01974995");
        assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
        perp = l.snapshot().ledger(AssetClass.PERP).orElseThrow();
        assertThat(perp.cash()).isEqualByComparingTo(new BigDecimal("5000").add(t.netPnl()));
        assertThat(perp.equity()).isEqualByComparingTo(perp.cash());
        assertThat(perp.realizedNetPnl()).isEqualByComparingTo(t.netPnl());
    }

    @Test
    void spotStaysLongOnly() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.SPOT, new BigDecimal("14000")));
        assertThatThrownBy(() -> l.apply(paper.fill(order(Side.SELL, true, "1", "800"), 1))).hasMessageContaining("SPOT is long only");
    }

    @Test
    void fundingIsAFeeOnThePerpPositionThatItsTradeCarriesAndCashAgrees() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.PERP, new BigDecimal("5000")));
        l.apply(paper.fill(perp(Side.SELL, true, "0.0125", "800.00"), 1_000));
        // A short receives a positive rate: 0.0125 × 790 × 0.0001 = 0.0009875.
        Ledger.Funding f = l.fund("BTCUSD", AssetClass.PERP, new BigDecimal("0.0001"), new BigDecimal("790"), 1_500).orElseThrow();
        assertThat(f.fee()).isEqualByComparingTo("-0.0009875");
        assertThat(f.position().entryFees()).isEqualByComparingTo(new BigDecimal("0.009998").subtract(new BigDecimal("0.0009875")));
        assertThat(l.fund("BTCUSD", AssetClass.SPOT, BigDecimal.ONE, BigDecimal.ONE, 1)).as("only perps fund").isEmpty();
        assertThat(l.fund("ETHUSD", AssetClass.PERP, BigDecimal.ONE, BigDecimal.ONE, 1)).as("no position").isEmpty();

        ClosedTrade t = l.apply(paper.fill(perp(Side.BUY, false, "0.0125", "780.00"), 2_000)).closed().orElseThrow();
        assertThat(t.fees()).isEqualByComparingTo(new BigDecimal("0.01974995").subtract(new BigDecimal("0.0009875")));
        assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
        PortfolioSnapshot.SubLedgerView perp = l.snapshot().ledger(AssetClass.PERP).orElseThrow();
        assertThat(perp.cash()).isEqualByComparingTo(new BigDecimal("5000").add(t.netPnl()));
        assertThat(perp.realizedNetPnl()).isEqualByComparingTo(t.netPnl());
    }

    @Test
    void aLongPaysAPositiveRate() {
        Ledger l = Ledger.fromAllocation(Map.of(AssetClass.PERP, new BigDecimal("5000")));
        l.apply(paper.fill(perp(Side.BUY, true, "0.0125", "800.00"), 1_000));
        BigDecimal before = l.snapshot().ledger(AssetClass.PERP).orElseThrow().cash();
        Ledger.Funding f = l.fund("BTCUSD", AssetClass.PERP, new BigDecimal("0.0001"), new BigDecimal("800"), 1_500).orElseThrow();
        assertThat(f.fee()).isEqualByComparingTo("0.001");
        assertThat(l.snapshot().ledger(AssetClass.PERP).orElseThrow().cash()).isEqualByComparingTo(before.subtract(new BigDecimal("0.001")));
    }
}
