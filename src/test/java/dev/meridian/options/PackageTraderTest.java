package dev.meridian.options;

import dev.meridian.config.OptionsPolicy;
import dev.meridian.core.Regime;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PackageTraderTest {
    /** Lenient rails except where a test says otherwise. */
    private static final OptionsPolicy LENIENT = new OptionsPolicy(new BigDecimal("-1"), BigDecimal.ONE, new BigDecimal("1000"),
            BigDecimal.TEN, false, BigDecimal.ONE);
    private static final long T0 = Instant.parse("2013-11-25T09:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    @Test
    void aRangeSellsAnIronCondorForTenDollarsOfMaxLossAndItsNetIsGrossLessSlippageAndFees() {
        PackageTrader t = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        var step = t.onBar("BTCUSD", T0, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"));
        PackageTrader.Open open = step.opened().orElseThrow();
        OptionPackage pkg = open.pkg();
        assertThat(pkg.kind()).isEqualTo(OptionPackage.Kind.IRON_CONDOR);
        assertThat(pkg.synthetic()).isTrue();
        assertThat(pkg.maxLoss()).isLessThanOrEqualTo(BigDecimal.TEN).isGreaterThan(new BigDecimal("5"));
        assertThat(open.entryFill()).as("a credit: we receive").isNegative();
        assertThat(open.entryFill().subtract(open.entryMid())).as("the spread costs us on the way in").isPositive();
        assertThat(PackageTrader.describe(pkg)).startsWith("BTCUSD IRON_CONDOR ").doesNotContain(",");

        // The price stays put: the condor decays in our favour until its take-profit or the day before expiry.
        PackageTrader.Closed closed = null;
        for (long t1 = T0 + HOUR; closed == null && t1 < T0 + 20 * 24 * HOUR; t1 += HOUR) {
            closed = t.onBar("BTCUSD", t1, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000")).closed().orElse(null);
        }
        assertThat(closed).isNotNull();
        assertThat(closed.why()).containsAnyOf("take-profit", "before expiry");
        assertThat(closed.gross()).as("time decay at an unchanged price").isPositive();
        assertThat(closed.net()).isEqualByComparingTo(closed.gross().subtract(closed.slippage()).subtract(closed.fees()));
        assertThat(closed.net()).isEqualByComparingTo(closed.exitProceeds().subtract(closed.open().entryFill()).subtract(closed.fees()));
        assertThat(t.open()).isEmpty();
    }

    @Test
    void aBullCallSpreadSettlesAtIntrinsicValueAtExpiryWithoutASpread() {
        PackageTrader.Params p = PackageTrader.Params.defaults();
        // Never out early, never a target or a stop: held to expiry.
        PackageTrader.Params hold = new PackageTrader.Params(p.targetDays(), p.minDays(), p.maxDays(), p.longDelta(), p.shortDelta(),
                p.wingDelta(), p.ivPremium(), 100, 100, 0, p.feeOfUnderlying(), p.feeCapOfPremium(), p.qtyStep(), p.minQty(), p.chain());
        PackageTrader t = new PackageTrader(hold, LENIENT);
        PackageTrader.Open open = t.onBar("BTCUSD", T0, 800, 0.8, Regime.TREND_UP, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"))
                .opened().orElseThrow();
        assertThat(open.pkg().kind()).isEqualTo(OptionPackage.Kind.BULL_CALL_SPREAD);
        assertThat(open.entryFill()).as("$10 of premium, at most").isPositive().isLessThanOrEqualTo(BigDecimal.TEN);
        long expiry = open.pkg().expiryMs();
        // Far above both strikes at expiry: the spread pays its width × qty.
        PackageTrader.Closed c = t.onBar("BTCUSD", expiry, 2_000, 0.8, Regime.TREND_UP, 0.9, true, BigDecimal.TEN, BigDecimal.TEN)
                .closed().orElseThrow();
        assertThat(c.why()).isEqualTo("expired");
        BigDecimal width = open.pkg().optionLegs().get(1).contract().orElseThrow().strike()
                .subtract(open.pkg().optionLegs().get(0).contract().orElseThrow().strike()).abs();
        assertThat(c.exitProceeds()).isEqualByComparingTo(width.multiply(open.pkg().qty()));
        assertThat(c.exitMid()).isEqualByComparingTo(c.exitProceeds());
        assertThat(c.net()).isEqualByComparingTo(open.pkg().maxGain().orElseThrow().subtract(c.fees()));
    }

    @Test
    void theRailsAndTheSizerRefuseWithTheirReasonsAndAVolatileMarketGetsNoPackage() {
        OptionsPolicy strict = new OptionsPolicy(new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("1000"), BigDecimal.TEN, false,
                BigDecimal.ONE);
        var refused = new PackageTrader(PackageTrader.Params.defaults(), strict)
                .onBar("BTCUSD", T0, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"));
        assertThat(refused.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("options rails:").contains("edge"));
        var tooSmall = new PackageTrader(PackageTrader.Params.defaults(), LENIENT)
                .onBar("BTCUSD", T0, 800, 0.8, Regime.TREND_UP, 0.9, true, new BigDecimal("0.01"), new BigDecimal("1000"));
        assertThat(tooSmall.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("options sizer:").contains("minimum qty"));
        var volatile_ = new PackageTrader(PackageTrader.Params.defaults(), LENIENT)
                .onBar("BTCUSD", T0, 800, 0.8, Regime.VOLATILE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"));
        assertThat(volatile_.opened()).isEmpty();
        assertThat(volatile_.refusal()).isEmpty();
    }

    /** The synthetic chain's contracts as if a venue quoted them, at {@code scale} × their quotes. */
    private static OptionChain venue(long nowMs, double price, double scale) {
        OptionChain model = SyntheticChain.build("BTCUSD", nowMs, price, 0.85, SyntheticChain.Spec.defaults());
        java.util.List<OptionQuote> quoted = new java.util.ArrayList<>();
        BigDecimal f = BigDecimal.valueOf(scale);
        for (OptionQuote q : model.contracts()) {
            quoted.add(new OptionQuote(q.symbol(), q.underlying(), q.expiryMs(), q.strike(), q.type(), q.bid().multiply(f),
                    q.ask().multiply(f), q.markPrice().multiply(f), q.markIv(), q.venueGreeks(), false));
        }
        return new OptionChain("BTCUSD", nowMs, price, quoted);
    }

    @Test
    void onAVenueChainThePackageIsTheVenuesContractsAndItClosesAtTheVenuesQuotes() {
        PackageTrader t = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        OptionChain atEntry = venue(T0, 800, 1.0);
        PackageTrader.Open open = t.onBar("BTCUSD", T0, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"),
                java.util.Optional.of(atEntry), java.util.List.of()).opened().orElseThrow();
        assertThat(open.pkg().synthetic()).isFalse();
        dev.meridian.core.PackageTicket in = PackageOrders.entryTicket(open);
        assertThat(in.synthetic()).isFalse();
        assertThat(PackageOrders.symbol(open.pkg())).doesNotStartWith("SYNTHETIC");
        assertThat(in.legs()).hasSize(4).allSatisfy(l -> {
            OptionQuote q = atEntry.contract(l.symbol()).orElseThrow();
            // Bought at the venue's ask, sold at its bid.
            assertThat(l.price()).isEqualByComparingTo(l.side() == dev.meridian.core.Side.BUY ? q.ask() : q.bid());
        });

        // An hour later the venue quotes every contract at a fifth: the condor is worth far less, a take-profit.
        OptionChain later = venue(T0 + HOUR, 800, 0.2);
        PackageTrader.Closed c = t.onBar("BTCUSD", T0 + HOUR, 800, 0.8, Regime.RANGE, 0.9, true, BigDecimal.TEN,
                new BigDecimal("1000"), java.util.Optional.of(later), java.util.List.of()).closed().orElseThrow();
        assertThat(c.why()).startsWith("take-profit");
        dev.meridian.core.PackageTicket out = PackageOrders.exitTicket(c);
        assertThat(out.legs()).hasSize(4).allSatisfy(l -> {
            OptionQuote q = later.contract(l.symbol()).orElseThrow();
            // Closing sells the bought legs at the venue's bid and buys the sold ones back at its ask.
            assertThat(l.price()).isEqualByComparingTo(l.side() == dev.meridian.core.Side.SELL ? q.bid() : q.ask());
        });
        assertThat(c.net()).isEqualByComparingTo(c.exitProceeds().subtract(open.entryFill()).subtract(c.fees()));
    }

    @Test
    void theSubLedgerDeltaRailCountsTheOpenPackagesOfOtherUnderlyings() {
        // Lenient but for the sub-ledger: |delta dollars| ≤ 10 × the sub-ledger's 1,000 of equity.
        PackageTrader alone = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        var opened = alone.onBar("BTCUSD", T0, 800, 0.8, Regime.TREND_UP, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"),
                java.util.Optional.empty(), java.util.List.of());
        assertThat(opened.opened()).isPresent();
        DeltaExposure own = alone.exposure().orElseThrow();
        assertThat(own.underlying()).isEqualTo("BTCUSD");
        assertThat(own.delta()).isEqualTo(opened.opened().get().pkg().netDelta());

        // The same package beside an ETH package that already moves like 20,000 USD of ETH: over the cap.
        PackageTrader crowded = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        var refused = crowded.onBar("BTCUSD", T0, 800, 0.8, Regime.TREND_UP, 0.9, true, BigDecimal.TEN, new BigDecimal("1000"),
                java.util.Optional.empty(), java.util.List.of(new DeltaExposure("ETHUSD", 100, 200)));
        assertThat(refused.opened()).isEmpty();
        assertThat(refused.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("options rails:").contains("delta"));
        assertThat(crowded.exposure()).isEmpty();
    }
}
