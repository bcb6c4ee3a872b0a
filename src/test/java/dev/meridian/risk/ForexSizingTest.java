package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.portfolio.Ledger;
import dev.meridian.risk.Sizer.Limit;
import dev.meridian.risk.Sizer.Phase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * FOREX sizing in whole units with every limit in USD, for a USD-quoted pair (EUR_USD: a unit is
 * worth its price in USD) and a USD-based one (USD_JPY: the stop distance is in JPY, a unit is worth
 * 1 USD). Every figure is computed by hand in the comments.
 */
class ForexSizingTest {
    /** The shipped policy without costs, so the risk limit is the textbook {@code risk / stop distance}. */
    private static final Sizer.Params NO_COSTS = with(SizerTest.SPEC, "0", "0", "0.05", "0.10", SizerTest.SPEC.tiers(),
            SizerTest.SPEC.minStopDistancePct());
    /** No costs and caps of 100 %, so only the risk limit and the leverage cap remain. */
    private static final Sizer.Params OPEN_CAPS = with(SizerTest.SPEC, "0", "0", "1", "1", SizerTest.SPEC.tiers(),
            SizerTest.SPEC.minStopDistancePct());

    private static Sizer.Params with(Sizer.Params s, String feeBps, String slipBps, String normalCap, String pairCap,
                                     List<Sizer.Tier> tiers, BigDecimal minStopPct) {
        return new Sizer.Params(s.equityThresholdUsd(), s.fixedTradeUsd(), s.maxRiskPct(), s.maxRiskPctGoodSetup(),
                s.atrMultSl(), minStopPct, new BigDecimal(feeBps), new BigDecimal(slipBps), s.goodSetupScoreMin(),
                new BigDecimal(normalCap), new BigDecimal(pairCap), tiers, s.assetLeverageCaps(), s.qtyScale());
    }

    private static Sizer.Size size(Sizer.Params p, String symbol, Mode mode, Side side, String equity, String price,
                                   String stop, double atr, String maxPair) {
        return new Sizer(p).size(new Sizer.Request(AssetClass.FOREX, mode, side, new BigDecimal(equity), new BigDecimal(price),
                new BigDecimal(stop), atr, 0.5, false, BigDecimal.ONE, new BigDecimal(maxPair), BigDecimal.ZERO,
                Optional.empty(), symbol));
    }

    @Test
    void eurUsdRisksHalfAPercentOverTwentyPipsIn125000Units() {
        // Equity 50,000 → risk 0.5 % = 250 USD. Stop 20 pips = 1.08500 − 1.08300 = 0.00200 USD per unit,
        // wider than 1.2 × ATR 0.0001 = 0.00012, 0.15 % × 1.085 = 0.0016275 and 3 pips = 0.0003.
        // Loss per unit in USD = 0.002 × 1 (the quote is USD) → 250 / 0.002 = 125,000 units.
        // Notional 125,000 × 1.085 = 135,625 USD ≤ equity × leverage min(tier SCALP 3, cap 5) = 150,000, which is
        // also what caps of 100 % of equity as margin allow: nothing cuts.
        Sizer.Size s = size(OPEN_CAPS, "EUR_USD", Mode.SCALP, Side.BUY, "50000", "1.08500", "1.08300", 0.0001, "1");
        assertThat(s.phase()).isEqualTo(Phase.RISK_PCT);
        assertThat(s.stopDistance()).isEqualByComparingTo("0.002");
        assertThat(s.riskBudgetUsd()).isEqualByComparingTo("250");
        assertThat(s.qty()).isEqualByComparingTo("125000");
        assertThat(s.sizeUsd()).isEqualByComparingTo("135625");
        assertThat(s.riskUsd()).isEqualByComparingTo("250");
        assertThat(s.leverage()).isEqualByComparingTo("3");
        // margin 135,625 / 3 = 45,208.33…
        assertThat(s.marginUsd()).isCloseTo(new BigDecimal("45208.3333"), within(new BigDecimal("0.0001")));
        assertThat(s.boundBy()).contains(Limit.RISK);
    }

    @Test
    void usdJpyRisksHalfAPercentOverThirtyPipsConvertedAtTheExitPrice() {
        // Stop 30 pips = 150.000 − 149.700 = 0.30 JPY per unit (wider than 0.15 % × 150 = 0.225 and 3 pips = 0.03).
        // At the entry price that is 0.30 / 150 = 0.002 USD → 250 / 0.002 = 125,000 units. But the ledger books
        // the loss at the exit's price, the stop: 125,000 × 0.30 / 149.7 = 250.50 USD, over the budget. So a long
        // converts at the stop: 0.30 / 149.7 USD per unit → 250 × 149.7 / 0.30 = 124,750 units, whose loss at
        // the stop is 124,750 × 0.30 / 149.7 = 250.00 USD exactly.
        // A unit of USD_JPY is one USD: notional 124,750 USD (not × 150, which would be JPY).
        Sizer.Size s = size(OPEN_CAPS, "USD_JPY", Mode.SCALP, Side.BUY, "50000", "150.000", "149.700", 0.01, "1");
        assertThat(s.stopDistance()).isEqualByComparingTo("0.30");
        assertThat(s.qty()).isEqualByComparingTo("124750");
        assertThat(s.sizeUsd()).isEqualByComparingTo("124750");
        assertThat(s.riskUsd()).isEqualByComparingTo("250");
        assertThat(s.boundBy()).contains(Limit.RISK);
        // A short's stop is 30 pips above, 150.300, where a JPY is worth less: the entry price is the conservative
        // rate, 0.30 / 150 = 0.002 USD → 125,000 units (its loss at the stop, 125,000 × 0.30 / 150.3 = 249.50 USD).
        Sizer.Size shortSide = size(OPEN_CAPS, "USD_JPY", Mode.SCALP, Side.SELL, "50000", "150.000", "150.300", 0.01, "1");
        assertThat(shortSide.qty()).isEqualByComparingTo("125000");
        assertThat(shortSide.riskUsd()).isEqualByComparingTo("250");
    }

    @Test
    void theShippedCapsBindOnMarginInUsdAndRoundDownToWholeUnits() {
        // The same two entries under the shipped 5 % normal-setup cap. FOREX is margined, so the cap bounds
        // margin: leverage min(tier INTRADAY_TREND at 50,000 = 2, cap 5) = 2, and 5 % × 50,000 of margin allows
        // 5 % × 50,000 × 2 = 5,000 USD of notional.
        // EUR_USD: 5,000 / 1.085 = 4,608.29… → 4,608 units = 4,999.68 USD; risk 4,608 × 0.002 = 9.216;
        // margin 4,999.68 / 2 = 2,499.84.
        Sizer.Size eur = size(NO_COSTS, "EUR_USD", Mode.INTRADAY_TREND, Side.BUY, "50000", "1.08500", "1.08300", 0.0001, "0.10");
        assertThat(eur.steps().get(0).limitUsd()).as("the risk limit before caps").isEqualByComparingTo("135625");
        assertThat(eur.leverage()).isEqualByComparingTo("2");
        assertThat(eur.qty()).isEqualByComparingTo("4608");
        assertThat(eur.sizeUsd()).isEqualByComparingTo("4999.68");
        assertThat(eur.riskUsd()).isEqualByComparingTo("9.216");
        assertThat(eur.marginUsd()).isEqualByComparingTo("2499.84");
        assertThat(eur.boundBy()).contains(Limit.PAIR_CAP);
        // USD_JPY (risk limit 124,750 units, above): 5,000 USD = 5,000 units exactly; risk at the stop
        // 5,000 × 0.30 / 149.7 = 10.02004008016… USD (10 decimals); margin 2,500.
        Sizer.Size jpy = size(NO_COSTS, "USD_JPY", Mode.INTRADAY_TREND, Side.BUY, "50000", "150.000", "149.700", 0.01, "0.10");
        assertThat(jpy.steps().get(0).limitUsd()).isEqualByComparingTo("124750");
        assertThat(jpy.qty()).isEqualByComparingTo("5000");
        assertThat(jpy.sizeUsd()).isEqualByComparingTo("5000");
        assertThat(jpy.riskUsd()).isEqualByComparingTo("10.0200400802");
        assertThat(jpy.marginUsd()).isEqualByComparingTo("2500");
        // The owner's Max Pair % of 3 % binds before the 5 % cap: 3 % × 50,000 × 2 = 3,000 USD = 3,000 units.
        Sizer.Size maxPair = size(NO_COSTS, "USD_JPY", Mode.INTRADAY_TREND, Side.BUY, "50000", "150.000", "149.700", 0.01, "0.03");
        assertThat(maxPair.qty()).isEqualByComparingTo("3000");
        assertThat(maxPair.boundBy()).contains(Limit.MAX_PAIR_PCT);
    }

    @Test
    void roundTripCostsAreChargedInTheQuoteCurrencyAndConvertedWithTheLoss() {
        // Shipped costs, 10 bps fee + 2 bps slippage per fill = 0.0012 of (entry + exit at the stop).
        // EUR_USD: (2 × 1.085 + 0.002) × 0.0012 = 0.0026064; loss per unit 0.002 + 0.0026064 = 0.0046064 USD;
        // 250 / 0.0046064 = 54,272.3167… units before caps (not 125,000: costs dominate a 20-pip stop).
        Sizer.Size eur = new Sizer(with(SizerTest.SPEC, "10", "2", "1", "1", SizerTest.SPEC.tiers(), SizerTest.SPEC.minStopDistancePct()))
                .size(new Sizer.Request(AssetClass.FOREX, Mode.SCALP, Side.BUY, new BigDecimal("50000"), new BigDecimal("1.08500"),
                        new BigDecimal("1.08300"), 0.0001, 0.5, false, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO,
                        Optional.empty(), "EUR_USD"));
        assertThat(eur.qty()).isEqualByComparingTo("54272");
        // riskUsd = 54,272 × 0.0046064 = 249.9985… ≤ 250
        assertThat(eur.riskUsd()).isEqualByComparingTo("249.9985408");
        // USD_JPY: (300 + 0.30) × 0.0012 = 0.36036 JPY; loss 0.66036 JPY per unit, converted at the stop slipped
        // by 2 bps, 149.7 × 0.9998 = 149.67006: 250 × 149.67006 / 0.66036 = 56,662.2978… → 56,662 units = 56,662 USD.
        Sizer.Size jpy = new Sizer(with(SizerTest.SPEC, "10", "2", "1", "1", SizerTest.SPEC.tiers(), SizerTest.SPEC.minStopDistancePct()))
                .size(new Sizer.Request(AssetClass.FOREX, Mode.SCALP, Side.BUY, new BigDecimal("50000"), new BigDecimal("150.000"),
                        new BigDecimal("149.700"), 0.01, 0.5, false, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO,
                        Optional.empty(), "USD_JPY"));
        assertThat(jpy.qty()).isEqualByComparingTo("56662");
        assertThat(jpy.sizeUsd()).isEqualByComparingTo("56662");
        // 56,662 × 0.66036 / 149.67006 = 249.99868590949… ≤ 250
        assertThat(jpy.riskUsd()).isEqualByComparingTo("249.9986859095");
    }

    @Test
    void theFixedPhaseIsTenDollarsOfUsdNotionalInWholeUnits() {
        // Equity 15,000 < 20,000: $10 of USD notional, shipped costs.
        // EUR_USD: 10 / 1.085 = 9.2166 → 9 units = 9.765 USD; loss per unit 0.0046064 (above) → risk 0.0414576.
        Sizer.Size eur = new Sizer(SizerTest.SPEC).size(new Sizer.Request(AssetClass.FOREX, Mode.SCALP, Side.BUY,
                new BigDecimal("15000"), new BigDecimal("1.08500"), new BigDecimal("1.08300"), 0.0001, 0.5, false,
                BigDecimal.ONE, new BigDecimal("0.10"), BigDecimal.ZERO, Optional.empty(), "EUR_USD"));
        assertThat(eur.phase()).isEqualTo(Phase.FIXED);
        assertThat(eur.qty()).isEqualByComparingTo("9");
        assertThat(eur.sizeUsd()).isEqualByComparingTo("9.765");
        assertThat(eur.riskUsd()).isEqualByComparingTo("0.0414576");
        assertThat(eur.boundBy()).contains(Limit.FIXED);
        // USD_JPY: $10 = 10 units exactly (not 10 / 150 = 0.067, which would read the JPY price as USD);
        // loss 10 × 0.66036 JPY at 149.67006 (above) = 0.04412104870… USD.
        Sizer.Size jpy = new Sizer(SizerTest.SPEC).size(new Sizer.Request(AssetClass.FOREX, Mode.SCALP, Side.BUY,
                new BigDecimal("15000"), new BigDecimal("150.000"), new BigDecimal("149.700"), 0.01, 0.5, false,
                BigDecimal.ONE, new BigDecimal("0.10"), BigDecimal.ZERO, Optional.empty(), "USD_JPY"));
        assertThat(jpy.phase()).isEqualTo(Phase.FIXED);
        assertThat(jpy.qty()).isEqualByComparingTo("10");
        assertThat(jpy.sizeUsd()).isEqualByComparingTo("10");
        assertThat(jpy.riskUsd()).isEqualByComparingTo("0.0441210487");
    }

    @Test
    void leverageIsCappedAtFiveAndTheStopAtThreePips() {
        // A policy that lets a 1-pip stop through (min_stop_distance_pct 0.0001: 150 × 0.0001 = 0.015 JPY) and
        // tiers of 10×: the pip floor sizes on 3 pips = 0.03 JPY, converted at the stop 150 − 0.03 = 149.97:
        // 250 × 149.97 / 0.03 = 1,249,750 units; the asset cap holds leverage at min(10, 5) = 5, so at most
        // equity × 5 = 250,000 USD = 250,000 units. (A pair cap of 100 % of equity as margin allows exactly
        // that too, and binds first in the list.)
        List<Sizer.Tier> tenX = List.of(SizerTest.tier("999999", "10", "10", "10"));
        Sizer.Params p = with(SizerTest.SPEC, "0", "0", "1", "1", tenX, new BigDecimal("0.0001"));
        Sizer.Size s = size(p, "USD_JPY", Mode.SCALP, Side.BUY, "50000", "150.000", "149.990", 0.001, "1");
        assertThat(s.stopDistance()).as("3 pips, not the 1 pip placed").isEqualByComparingTo("0.03");
        assertThat(s.steps().get(0).limitUsd()).isEqualByComparingTo("1249750");
        assertThat(s.leverage()).isEqualByComparingTo("5");
        assertThat(s.qty()).isEqualByComparingTo("250000");
        assertThat(s.boundBy()).contains(Limit.PAIR_CAP);
        assertThat(s.steps()).filteredOn(st -> st.limit() == Limit.LEVERAGE).singleElement()
                .satisfies(st -> assertThat(st.limitUsd()).isEqualByComparingTo("250000"));
        // risk 250,000 × 0.03 / 149.97 = 50.01000200040… (the 3 pips, not the 1 placed); margin 250,000 / 5 = 50,000
        assertThat(s.riskUsd()).isEqualByComparingTo("50.0100020004");
        assertThat(s.marginUsd()).isEqualByComparingTo("50000");
    }

    @Test
    void heldExposureIsUsdToo() {
        // 1,000 USD of USD_JPY already held leaves 5,000 − 1,000 = 4,000 USD = 4,000 units under the 5 % cap (above).
        Sizer.Size s = new Sizer(NO_COSTS).size(new Sizer.Request(AssetClass.FOREX, Mode.INTRADAY_TREND, Side.BUY,
                new BigDecimal("50000"), new BigDecimal("150.000"), new BigDecimal("149.700"), 0.01, 0.5, false,
                BigDecimal.ONE, new BigDecimal("0.10"), new BigDecimal("1000"), Optional.empty(), "USD_JPY"));
        assertThat(s.qty()).isEqualByComparingTo("4000");
    }

    @Test
    void aCrossWithoutAUsdLegAndANamelessRequestAreRefused() {
        Sizer.Size cross = size(NO_COSTS, "EUR_JPY", Mode.SCALP, Side.BUY, "50000", "160.000", "159.700", 0.01, "0.10");
        assertThat(cross.phase()).isEqualTo(Phase.REFUSED);
        assertThat(cross.skipReason()).startsWith("EUR_JPY is a cross without a USD leg");
        Sizer.Size nameless = new Sizer(NO_COSTS).size(new Sizer.Request(AssetClass.FOREX, Mode.SCALP, Side.BUY,
                new BigDecimal("50000"), new BigDecimal("1.085"), new BigDecimal("1.083"), 0.0001, 0.5, false,
                BigDecimal.ONE, new BigDecimal("0.10"), BigDecimal.ZERO, Optional.empty()));
        assertThat(nameless.phase()).isEqualTo(Phase.REFUSED);
        assertThat(nameless.skipReason()).contains("is not a forex pair");
    }

    @Test
    void otherClassesIgnoreTheSymbol() {
        // The same SPOT request with and without its name sizes identically (the name is FOREX's only).
        Sizer sizer = new Sizer(SizerTest.SPEC);
        Sizer.Request named = new Sizer.Request(AssetClass.SPOT, Mode.SWING, Side.BUY, new BigDecimal("50000"),
                new BigDecimal("100"), new BigDecimal("95"), 2, 0.5, false, BigDecimal.ONE, new BigDecimal("0.10"),
                BigDecimal.ZERO, Optional.empty(), "EUR_JPY");
        Sizer.Request nameless = new Sizer.Request(AssetClass.SPOT, Mode.SWING, Side.BUY, new BigDecimal("50000"),
                new BigDecimal("100"), new BigDecimal("95"), 2, 0.5, false, BigDecimal.ONE, new BigDecimal("0.10"),
                BigDecimal.ZERO, Optional.empty());
        assertThat(sizer.size(named)).isEqualTo(sizer.size(nameless));
    }

    /**
     * Over random pairs, prices, stops, ATRs, equities, sides, modes, scores, sessions, Max Pair % and
     * held exposure, with the shipped policy: a whole number of units, leverage min(tier, 5), caps of
     * margin in USD, and the loss the {@link Ledger} books when the position is stopped out (fills
     * slipped 2 bps against it, fees 10 bps of each fill's notional, converted to USD as the ledger
     * converts) within the risk budget. The one term the sizer's cost formula leaves out, as it does
     * for every class (docs/risk.md), is the fee on the exit's slippage, at most fee × slippage of the
     * budget: the bound is {@code budget × (1 + 0.001 × 0.0002)}.
     */
    @Test
    void aStoppedOutPositionLosesNoMoreThanTheBudgetInUsdWholeUnitsAndMarginCaps() {
        SplittableRandom random = new SplittableRandom(20260310L);
        Sizer sizer = new Sizer(SizerTest.SPEC);
        BigDecimal fee = new BigDecimal("0.001");
        BigDecimal slip = new BigDecimal("0.0002");
        String[][] pairs = {{"EUR_USD", "0.90000", "1.60000"}, {"GBP_USD", "1.10000", "1.70000"},
                {"USD_JPY", "100.000", "160.000"}, {"USD_CHF", "0.80000", "1.10000"}};
        int sized = 0;
        for (int i = 0; i < 2000; i++) {
            String[] pick = pairs[random.nextInt(pairs.length)];
            ForexPair pair = ForexPair.parse(pick[0]);
            int scale = pair.displayDecimals();
            BigDecimal price = between(random, new BigDecimal(pick[1]), new BigDecimal(pick[2]), scale);
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            BigDecimal pips = pair.pipSize().multiply(BigDecimal.valueOf(random.nextInt(1, 301)));
            BigDecimal stop = side == Side.BUY ? price.subtract(pips) : price.add(pips);
            double atr = pair.pipSize().doubleValue() * random.nextInt(1, 51);
            BigDecimal equity = between(random, new BigDecimal("20000"), new BigDecimal("2000000"), 2);
            Mode mode = List.of(Mode.SCALP, Mode.INTRADAY_TREND, Mode.MEAN_REVERSION).get(random.nextInt(3));
            double score = random.nextInt(1001) / 1000.0;
            boolean kpi = random.nextBoolean();
            BigDecimal session = between(random, new BigDecimal("0.3"), new BigDecimal("1.5"), 2);
            BigDecimal maxPair = between(random, new BigDecimal("0.01"), BigDecimal.ONE, 2);
            BigDecimal held = random.nextBoolean() ? BigDecimal.ZERO
                    : equity.multiply(between(random, BigDecimal.ZERO, new BigDecimal("0.2"), 4)).setScale(2, RoundingMode.DOWN);
            Sizer.Request r = new Sizer.Request(AssetClass.FOREX, mode, side, equity, price, stop, atr, score, kpi, session,
                    maxPair, held, Optional.empty(), pick[0]);
            Sizer.Size s = sizer.size(r);
            String what = "case " + i + ": " + r + " -> " + s;
            BigDecimal leverage = SizerTest.SPEC.tiers().stream().filter(t -> equity.compareTo(t.equityMax()) <= 0).findFirst()
                    .orElse(SizerTest.SPEC.tiers().get(SizerTest.SPEC.tiers().size() - 1)).leverageByMode().get(mode)
                    .min(new BigDecimal("5"));
            assertThat(s.leverage()).as(what).isEqualByComparingTo(leverage);
            assertThat(s.phase()).as(what).isEqualTo(Phase.RISK_PCT);
            if (s.skipped()) continue;
            sized++;
            assertThat(s.qty().stripTrailingZeros().scale()).as(what + ": whole units").isLessThanOrEqualTo(0);
            assertThat(s.sizeUsd()).as(what).isEqualByComparingTo(pair.usdNotional(s.qty(), price));
            BigDecimal cap = s.goodSetup() ? SizerTest.SPEC.pairCapFraction() : SizerTest.SPEC.normalCapFraction();
            BigDecimal margin = s.sizeUsd().add(held).divide(s.leverage(), MathContext.DECIMAL128);
            assertThat(margin).as(what + ": pair cap on margin").isLessThanOrEqualTo(equity.multiply(cap));
            assertThat(margin).as(what + ": Max Pair % on margin").isLessThanOrEqualTo(equity.multiply(maxPair));

            BigDecimal loss = stoppedOut(pair, side, s.qty(), price, stop, fee, slip).negate();
            BigDecimal budget = s.riskBudgetUsd();
            assertThat(loss).as(what + ": booked loss at the stop").isLessThanOrEqualTo(
                    budget.multiply(BigDecimal.ONE.add(fee.multiply(slip))));
            assertThat(s.riskUsd()).as(what).isLessThanOrEqualTo(budget);
        }
        assertThat(sized).as("entries sized, not skipped").isGreaterThan(1500);
    }

    /** The net P&L the ledger books for a round trip from {@code price} out at {@code stop}, both fills slipped against it. */
    private static BigDecimal stoppedOut(ForexPair pair, Side side, BigDecimal qty, BigDecimal price, BigDecimal stop,
                                         BigDecimal fee, BigDecimal slip) {
        Ledger ledger = Ledger.fromAllocation(Map.of(AssetClass.FOREX, new BigDecimal("10000000")));
        BigDecimal in = price.multiply(BigDecimal.ONE.add(slip.multiply(BigDecimal.valueOf(side.sign()))));
        BigDecimal out = stop.multiply(BigDecimal.ONE.subtract(slip.multiply(BigDecimal.valueOf(side.sign()))));
        ledger.apply(fill(pair, side, true, qty, price, in, fee));
        return ledger.apply(fill(pair, side.opposite(), false, qty, stop, out, fee)).closed().orElseThrow().netPnl();
    }

    private static Fill fill(ForexPair pair, Side side, boolean entry, BigDecimal qty, BigDecimal ref, BigDecimal price,
                             BigDecimal fee) {
        Order o = new Order("o-" + entry, "test", 1, 0, pair.instrument(), AssetClass.FOREX, side, entry, qty, ref, ref,
                BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Mode.SCALP, Regime.RANGE, SessionLabel.EU,
                0.5, false, "", true);
        BigDecimal slippage = qty.multiply(price.subtract(ref)).multiply(BigDecimal.valueOf(side.sign()));
        // The fee in USD, as the paper fills convert it (fee bps of the fill's USD notional).
        return new Fill("f-" + entry, o, qty, price, pair.quoteToUsd(qty.multiply(price).multiply(fee), price), slippage, 0);
    }

    private static BigDecimal between(SplittableRandom random, BigDecimal min, BigDecimal max, int scale) {
        return BigDecimal.valueOf(random.nextLong(min.movePointRight(scale).longValueExact(),
                max.movePointRight(scale).longValueExact() + 1), scale);
    }
}
