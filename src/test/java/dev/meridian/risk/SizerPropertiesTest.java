package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizing rules as properties over random equities, prices, stops, ATRs, scores, sides, asset
 * classes, modes, session multipliers, Max Pair %, existing exposure and instrument filters, with
 * the shipped policy ({@link SizerTest#SPEC}). Expected bounds are recomputed here from the request,
 * not read back from the decision.
 */
class SizerPropertiesTest {
    private static final int TRIES = 2000;
    private static final BigDecimal THRESHOLD = new BigDecimal("20000");
    private static final BigDecimal FIXED = new BigDecimal("10");
    private static final BigDecimal COST_FRACTION = new BigDecimal("0.0012"); // (10 + 2) bps per fill
    private static final BigDecimal DEFAULT_STEP = new BigDecimal("1E-8");

    private final Sizer sizer = new Sizer(SizerTest.SPEC);

    @Property(tries = TRIES)
    void belowTheThresholdAnOrderIsTheFixedTenDollarsOrSkipped(@ForAll("fixedPhase") Sizer.Request r) {
        Sizer.Size s = sizer.size(r);
        assertThat(s.phase()).isEqualTo(Sizer.Phase.FIXED);
        if (s.skipped()) {
            assertThat(s.qty()).isZero();
            assertThat(s.skipReason()).matches("(PAIR_CAP|MAX_PAIR_PCT|LEVERAGE|QTY_STEP|MIN_ORDER): .*");
            return;
        }
        BigDecimal step = step(r);
        // $10 rounded down to the step: never above, and less than one step below.
        assertThat(s.sizeUsd()).isLessThanOrEqualTo(FIXED);
        assertThat(s.sizeUsd()).isGreaterThan(FIXED.subtract(step.multiply(r.price())));
        assertThat(s.qty()).isEqualByComparingTo(s.sizeUsd().divide(r.price(), MathContext.DECIMAL128));
    }

    @Property(tries = TRIES)
    void fromTheThresholdTheLossAtTheStopPlusCostsNeverExceedsRiskPerTrade(@ForAll("riskPhase") Sizer.Request r) {
        Sizer.Size s = sizer.size(r);
        assertThat(s.phase()).isEqualTo(Sizer.Phase.RISK_PCT);
        BigDecimal riskPct = s.goodSetup() ? SizerTest.SPEC.maxRiskPctGoodSetup() : SizerTest.SPEC.maxRiskPct();
        BigDecimal riskPerTrade = r.equity().multiply(riskPct);
        // Exit at the actual stop: price move plus fees and slippage on both fills.
        BigDecimal lossAtStop = s.qty().multiply(r.price().subtract(r.stopPrice()).abs())
                .add(s.qty().multiply(r.price().add(r.stopPrice())).multiply(COST_FRACTION));
        assertThat(lossAtStop).isLessThanOrEqualTo(riskPerTrade);
        assertThat(s.riskUsd()).isLessThanOrEqualTo(riskPerTrade);
        assertThat(s.riskUsd()).isGreaterThanOrEqualTo(lossAtStop);
    }

    @Property(tries = TRIES)
    void neverAboveThePairCapOrMaxPairPercentCountingWhatTheSymbolHolds(@ForAll("anyPhase") Sizer.Request r) {
        Sizer.Size s = sizer.size(r);
        if (s.skipped()) return;
        BigDecimal cap = s.goodSetup() ? SizerTest.SPEC.pairCapFraction() : SizerTest.SPEC.normalCapFraction();
        // PERP caps bound margin, every other class notional.
        BigDecimal divisor = r.assetClass() == AssetClass.PERP ? s.leverage() : BigDecimal.ONE;
        BigDecimal used = s.sizeUsd().add(r.symbolExposureUsd()).divide(divisor, MathContext.DECIMAL128);
        assertThat(used).isLessThanOrEqualTo(r.equity().multiply(cap));
        assertThat(used).isLessThanOrEqualTo(r.equity().multiply(r.maxPairFraction()));
        assertThat(s.sizeUsd().add(r.symbolExposureUsd())).isLessThanOrEqualTo(r.equity().multiply(s.leverage()));
    }

    @Property(tries = TRIES)
    void leverageIsTheTierClampedByTheAssetCap(@ForAll("anyPhase") Sizer.Request r) {
        Sizer.Size s = sizer.size(r);
        BigDecimal cap = SizerTest.SPEC.assetLeverageCaps().get(r.assetClass());
        BigDecimal expected = tier(r.mode(), r.equity()).min(cap);
        assertThat(s.leverage()).isEqualByComparingTo(expected);
        assertThat(s.leverage()).isLessThanOrEqualTo(cap);
    }

    @Property(tries = TRIES)
    void aQuantityIsAWholeNumberOfStepsAndMeetsTheInstrumentMinimum(@ForAll("anyPhase") Sizer.Request r) {
        Sizer.Size s = sizer.size(r);
        if (s.skipped()) return;
        assertThat(s.qty().remainder(step(r)).signum()).isZero();
        r.filter().ifPresent(f -> {
            assertThat(s.qty()).isGreaterThanOrEqualTo(f.minOrderQty());
            assertThat(s.sizeUsd()).isGreaterThanOrEqualTo(f.minNotional());
        });
    }

    @Property(tries = TRIES)
    void aSessionMultiplierNeverRaisesTheSize(@ForAll("riskPhase") Sizer.Request r) {
        Sizer.Size s = sizer.size(r);
        Sizer.Size neutral = sizer.size(new Sizer.Request(r.assetClass(), r.mode(), r.side(), r.equity(), r.price(),
                r.stopPrice(), r.atr(), r.signalScore(), r.kpiRailsPass(), BigDecimal.ONE, r.maxPairFraction(),
                r.symbolExposureUsd(), r.filter()));
        assertThat(s.sizeUsd()).isLessThanOrEqualTo(neutral.sizeUsd());
    }

    /** The tier table of {@link SizerTest#SPEC}, read independently: above the last tier the last applies. */
    private static BigDecimal tier(Mode mode, BigDecimal equity) {
        if (mode == Mode.OPTIONS) return BigDecimal.ONE;
        int column = mode == Mode.SCALP ? 0 : mode == Mode.INTRADAY_TREND ? 1 : 2;
        String[][] rows = {{"1.0", "1.0", "1.0"}, {"2.0", "1.5", "1.2"}, {"3.0", "2.0", "1.5"}, {"4.0", "3.0", "2.0"}};
        double e = equity.doubleValue();
        int row = e <= 10_000 ? 0 : e <= 25_000 ? 1 : e <= 50_000 ? 2 : 3;
        return new BigDecimal(rows[row][column]);
    }

    private static BigDecimal step(Sizer.Request r) {
        return r.filter().map(Sizer.Filter::qtyStep).filter(s -> s.signum() > 0).orElse(DEFAULT_STEP);
    }

    @Provide
    Arbitrary<Sizer.Request> fixedPhase() { return requests(equities("1", "19999.99")); }

    @Provide
    Arbitrary<Sizer.Request> riskPhase() { return requests(equities("20000", "5000000")); }

    @Provide
    Arbitrary<Sizer.Request> anyPhase() {
        return requests(Arbitraries.oneOf(equities("1", "19999.99"), equities("20000", "5000000"),
                Arbitraries.of(new BigDecimal("19999.99"), THRESHOLD, new BigDecimal("25000.01"))));
    }

    private static Arbitrary<BigDecimal> equities(String min, String max) {
        return decimals(new BigDecimal(min), new BigDecimal(max), 2);
    }

    /** Decimals of a fixed scale in [min, max], drawn as whole numbers of units. */
    private static Arbitrary<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
        return Arbitraries.longs().between(min.movePointRight(scale).longValueExact(), max.movePointRight(scale).longValueExact())
                .map(n -> BigDecimal.valueOf(n, scale));
    }

    /** Where the market is: entry price over nine decades, stop and ATR as fractions of it, side, filter. */
    private record Market(BigDecimal price, BigDecimal stop, double atr, Side side, Optional<Sizer.Filter> filter) {
    }

    /** Who asks: asset class, mode, score, KPI rails, session, Max Pair %, exposure as a fraction of equity. */
    private record Account(AssetClass asset, Mode mode, double score, boolean kpi, BigDecimal session,
                           BigDecimal maxPair, BigDecimal heldFraction) {
    }

    private static Arbitrary<Sizer.Request> requests(Arbitrary<BigDecimal> equities) {
        Arbitrary<BigDecimal> prices = Combinators.combine(
                decimals(BigDecimal.ONE, BigDecimal.TEN, 4),
                Arbitraries.integers().between(-4, 5)).as(BigDecimal::scaleByPowerOfTen);
        Arbitrary<Double> stopFractions = Arbitraries.doubles().between(0.00001, 0.3).ofScale(6);
        Arbitrary<Double> atrFractions = Arbitraries.doubles().between(0.000001, 0.05).ofScale(7);
        Arbitrary<Optional<Sizer.Filter>> filters = Combinators.combine(
                Arbitraries.integers().between(-8, 0), Arbitraries.integers().between(1, 5),
                Arbitraries.of("0", "1", "5", "10", "20")).as((k, n, minUsd) -> {
                    BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(k);
                    return Optional.of(new Sizer.Filter(step, step.multiply(BigDecimal.valueOf(n)), new BigDecimal(minUsd)));
                });
        Arbitrary<Market> markets = Combinators.combine(prices, stopFractions, atrFractions,
                Arbitraries.of(Side.class), Arbitraries.oneOf(Arbitraries.just(Optional.<Sizer.Filter>empty()), filters))
                .as((price, stopFraction, atrFraction, side, filter) -> {
                    BigDecimal move = price.multiply(BigDecimal.valueOf(stopFraction)).round(MathContext.DECIMAL64);
                    BigDecimal stop = side == Side.BUY ? price.subtract(move) : price.add(move);
                    return new Market(price, stop, price.doubleValue() * atrFraction, side, filter);
                });
        Arbitrary<Account> accounts = Combinators.combine(Arbitraries.of(AssetClass.class), Arbitraries.of(Mode.class),
                Arbitraries.doubles().between(0, 1).ofScale(3), Arbitraries.of(true, false),
                decimals(new BigDecimal("0.3"), new BigDecimal("1.5"), 2),
                decimals(new BigDecimal("0.01"), BigDecimal.ONE, 2),
                Arbitraries.oneOf(Arbitraries.just(BigDecimal.ZERO),
                        decimals(BigDecimal.ZERO, new BigDecimal("0.12"), 4)))
                .as(Account::new);
        return Combinators.combine(equities, markets, accounts).as((equity, m, a) -> new Sizer.Request(a.asset(),
                a.mode(), m.side(), equity, m.price(), m.stop(), m.atr(), a.score(), a.kpi(), a.session(), a.maxPair(),
                equity.multiply(a.heldFraction()).setScale(2, RoundingMode.DOWN), m.filter()));
    }
}
