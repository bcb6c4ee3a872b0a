package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FOREX round trips booked in USD. Fills are written out as the paper fills make them: 2 bps of
 * slippage against the order, in the quote currency, and a 10 bps fee on the fill's notional, in
 * USD (the paper venue's quote-currency fee converted at the fill's price, as OANDA charges in USD).
 * Every figure is computed by hand in the comments (10-decimal results rounded half-even).
 */
class ForexLedgerTest {
    private static final BigDecimal ALLOCATION = new BigDecimal("50000");

    private final Ledger ledger = Ledger.fromAllocation(Map.of(AssetClass.FOREX, ALLOCATION));

    @Test
    void aUsdJpyLongIsBookedInUsdConvertedAtTheExit() {
        // Buy 125,000 USD_JPY at 150.000, filled at 150.000 × 1.0002 = 150.030, slippage 125,000 × 0.03 = 3,750 JPY.
        // Fee 125,000 × 150.03 × 0.001 = 18,753.75 JPY = 125 USD at the fill's price (10 bps of 125,000 USD).
        ledger.apply(fill("USD_JPY", Side.BUY, true, "125000", "150.000", "150.030", "125", "3750", 1_000));
        PortfolioSnapshot.SubLedgerView open = ledger.snapshot().ledger(AssetClass.FOREX).orElseThrow();
        assertThat(open.cash()).isEqualByComparingTo("49875");

        // Marked at 151.000: 125,000 × (151 − 150.03) = 121,250 JPY = 121,250 / 151 = 802.98013245033… USD.
        ledger.mark("USD_JPY", AssetClass.FOREX, new BigDecimal("151.000"));
        PortfolioSnapshot marked = ledger.snapshot();
        assertThat(marked.positions().get(0).unrealizedPnl()).isEqualByComparingTo("802.9801324503");
        assertThat(marked.ledger(AssetClass.FOREX).orElseThrow().equity()).isEqualByComparingTo("50677.9801324503");
        // A unit of USD_JPY is one USD: the exposure is 125,000 USD, not 125,000 × 151 (JPY).
        assertThat(marked.exposureUsd("USD_JPY", AssetClass.FOREX)).isEqualByComparingTo("125000");

        // Sell at 151.500, filled at 151.5 × 0.9998 = 151.4697. Fee 125,000 × 151.4697 × 0.001 = 18,933.7125 JPY
        // = 125 USD at 151.4697.
        ClosedTrade t = ledger.apply(fill("USD_JPY", Side.SELL, false, "125000", "151.500", "151.4697", "125",
                "3787.5", 2_000)).closed().orElseThrow();
        // gross at the decision prices: 125,000 × 1.5 = 187,500 JPY at 151.5 = 1,237.62376237623… USD
        assertThat(t.grossPnl()).isEqualByComparingTo("1237.6237623762");
        // realized by the fills: 125,000 × (151.4697 − 150.03) = 179,962.5 JPY at 151.4697 = 1,188.10890891… USD;
        // slippage = gross − realized = 49.5148534657 (= 125,000 × (150.03 / 151.4697 − 150 / 151.5))
        assertThat(t.slippage()).isEqualByComparingTo("49.5148534657");
        assertThat(t.fees()).isEqualByComparingTo("250");
        // net = 1,237.6237623762 − 250 − 49.5148534657 = 938.1089089105 = realized − fees
        assertThat(t.netPnl()).isEqualByComparingTo("938.1089089105");
        assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
        // size: 125,000 units of USD = 125,000 USD; return 938.1089089105 / 125,000 = 0.75048713 %
        assertThat(t.sizeUsd()).isEqualByComparingTo("125000");
        assertThat(t.netReturnPct()).isEqualByComparingTo("0.75048713");
        assertThat(t.entryPrice()).isEqualByComparingTo("150.000");
        assertThat(t.exitPrice()).isEqualByComparingTo("151.500");
        assertThat(t.qty()).isEqualByComparingTo("125000");
        // Cash moved by exactly the net P&L over the round trip, and realized net P&L is it.
        PortfolioSnapshot.SubLedgerView closed = ledger.snapshot().ledger(AssetClass.FOREX).orElseThrow();
        assertThat(closed.cash()).isEqualByComparingTo("50938.1089089105");
        assertThat(closed.equity()).isEqualByComparingTo(closed.cash());
        assertThat(closed.realizedNetPnl()).isEqualByComparingTo(t.netPnl());
    }

    @Test
    void aUsdJpyShortIsBookedInUsdConvertedAtTheExit() {
        // Sell 100,000 at 150.000, filled at 150 × 0.9998 = 149.970; fee 100,000 × 149.97 × 0.001 = 14,997 JPY = 100 USD.
        ledger.apply(fill("USD_JPY", Side.SELL, true, "100000", "150.000", "149.970", "100", "3000", 1_000));
        // Marked at 149.000: 100,000 × (149 − 149.97) × −1 = 97,000 JPY = 97,000 / 149 = 651.00671140939… USD.
        ledger.mark("USD_JPY", AssetClass.FOREX, new BigDecimal("149.000"));
        assertThat(ledger.snapshot().ledger(AssetClass.FOREX).orElseThrow().unrealizedPnl()).isEqualByComparingTo("651.0067114094");
        // Buy back at 148.500, filled at 148.5 × 1.0002 = 148.5297; fee 100,000 × 148.5297 × 0.001 = 14,852.97 JPY = 100 USD.
        ClosedTrade t = ledger.apply(fill("USD_JPY", Side.BUY, false, "100000", "148.500", "148.5297", "100", "2970",
                2_000)).closed().orElseThrow();
        // gross: 100,000 × (148.5 − 150) × −1 = 150,000 JPY at 148.5 = 1,010.10101010… USD
        assertThat(t.grossPnl()).isEqualByComparingTo("1010.1010101010");
        // realized: 100,000 × (148.5297 − 149.97) × −1 = 144,030 JPY at 148.5297 = 969.70504888… USD; slippage the rest
        assertThat(t.slippage()).isEqualByComparingTo("40.3959612118");
        assertThat(t.fees()).isEqualByComparingTo("200");
        assertThat(t.netPnl()).isEqualByComparingTo("769.7050488892");
        assertThat(t.sizeUsd()).isEqualByComparingTo("100000");
        assertThat(t.netReturnPct()).isEqualByComparingTo("0.76970505");
        assertThat(ledger.snapshot().ledger(AssetClass.FOREX).orElseThrow().cash()).isEqualByComparingTo("50769.7050488892");
    }

    @Test
    void aEurUsdRoundTripIsAlreadyInUsd() {
        // Buy 100,000 EUR_USD at 1.08500, filled at 1.085 × 1.0002 = 1.085217; fee 100,000 × 1.085217 × 0.001 = 108.5217 USD.
        ledger.apply(fill("EUR_USD", Side.BUY, true, "100000", "1.08500", "1.085217", "108.5217", "21.7", 1_000));
        // Sell at 1.09000, filled at 1.09 × 0.9998 = 1.089782; fee 108.9782 USD.
        ClosedTrade t = ledger.apply(fill("EUR_USD", Side.SELL, false, "100000", "1.09000", "1.089782", "108.9782", "21.8",
                2_000)).closed().orElseThrow();
        // gross 100,000 × 0.005 = 500; slippage 21.7 + 21.8 = 43.5 (= 500 − 100,000 × (1.089782 − 1.085217) = 500 − 456.5);
        // fees 108.5217 + 108.9782 = 217.4999; net 500 − 217.4999 − 43.5 = 239.0001
        assertThat(t.grossPnl()).isEqualByComparingTo("500");
        assertThat(t.slippage()).isEqualByComparingTo("43.5");
        assertThat(t.fees()).isEqualByComparingTo("217.4999");
        assertThat(t.netPnl()).isEqualByComparingTo("239.0001");
        // size 100,000 × 1.085 = 108,500 USD; return 239.0001 / 108,500 = 0.22027659 %
        assertThat(t.sizeUsd()).isEqualByComparingTo("108500");
        assertThat(t.netReturnPct()).isEqualByComparingTo("0.22027659");
        assertThat(ledger.snapshot().ledger(AssetClass.FOREX).orElseThrow().cash()).isEqualByComparingTo("50239.0001");
    }

    @Test
    void aPartialExitOfUsdJpySplitsTheEntryFeesAndConvertsItsOwnPart() {
        ledger.apply(fill("USD_JPY", Side.BUY, true, "125000", "150.000", "150.030", "125", "3750", 1_000));
        // Sell 50,000 of the 125,000 at 151.500 (filled at 151.4697; fee 50,000 × 151.4697 × 0.001 = 7,573.485 JPY = 50 USD).
        Ledger.Booking part = ledger.apply(fill("USD_JPY", Side.SELL, false, "50000", "151.500", "151.4697", "50",
                "1515", 2_000));
        ClosedTrade t = part.closed().orElseThrow();
        // gross 50,000 × 1.5 = 75,000 JPY at 151.5 = 495.04950495049… USD; entry fee share 125 × 0.4 = 50
        assertThat(t.grossPnl()).isEqualByComparingTo("495.0495049505");
        assertThat(t.fees()).isEqualByComparingTo("100");
        assertThat(t.sizeUsd()).isEqualByComparingTo("50000");
        assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
        assertThat(part.position().orElseThrow().qty()).isEqualByComparingTo("75000");
        assertThat(part.position().orElseThrow().entryFees()).isEqualByComparingTo("75");
    }

    @Test
    void aCrossWithoutAUsdLegCannotBeBooked() {
        assertThatThrownBy(() -> ledger.apply(fill("EUR_JPY", Side.BUY, true, "1000", "160.000", "160.032", "1", "32", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("EUR_JPY is a cross without a USD leg");
        assertThat(ledger.positions()).isEmpty();
        assertThat(ledger.snapshot().ledger(AssetClass.FOREX).orElseThrow().cash()).isEqualByComparingTo(ALLOCATION);
    }

    private static Fill fill(String symbol, Side side, boolean entry, String qty, String ref, String price, String fee,
                             String slippage, long timeMs) {
        Order o = new Order("o-" + timeMs, "test", timeMs, timeMs, symbol, AssetClass.FOREX, side, entry, new BigDecimal(qty),
                new BigDecimal(ref), new BigDecimal(ref), new BigDecimal("2"), ALLOCATION, BigDecimal.ZERO, BigDecimal.ZERO,
                Mode.SCALP, Regime.RANGE, SessionLabel.EU, 0.5, false, "RISK", true);
        return new Fill("f-" + timeMs, o, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(fee),
                new BigDecimal(slippage), timeMs);
    }
}
