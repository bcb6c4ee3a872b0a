package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizing rules as properties over random equities, prices, stops, ATRs, scores, sides, asset
 * classes (but FOREX, see {@link ForexSizingTest}), modes, session multipliers, Max Pair %, existing exposure and instrument filters, with
 * the shipped policy ({@link SizerTest#SPEC}). Expected bounds are recomputed here from the request,
 * not read back from the decision.
 *
 * <p>Plain JUnit 5: each property draws {@value #TRIES} requests from its own
 * {@link SplittableRandom} seeded with {@value #SEED}, so every run sees the same cases. A failure
 * names the property, the seed, the case number and the full request.
 */
class SizerPropertiesTest {
    private static final long SEED = 20261125L;
    private static final int TRIES = 2000;
    private static final BigDecimal THRESHOLD = new BigDecimal("20000");
    private static final BigDecimal FIXED = new BigDecimal("10");
    private static final BigDecimal COST_FRACTION = new BigDecimal("0.0012"); // (10 + 2) bps per fill
    private static final BigDecimal DEFAULT_STEP = new BigDecimal("1E-8");

    private final Sizer sizer = new Sizer(SizerTest.SPEC);

    @Test
    void belowTheThresholdAnOrderIsTheFixedTenDollarsOrSkipped() {
        forAll("belowTheThresholdAnOrderIsTheFixedTenDollarsOrSkipped", SizerPropertiesTest::fixedPhase, r -> {
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
        });
    }

    @Test
    void fromTheThresholdTheLossAtTheStopPlusCostsNeverExceedsRiskPerTrade() {
        forAll("fromTheThresholdTheLossAtTheStopPlusCostsNeverExceedsRiskPerTrade", SizerPropertiesTest::riskPhase, r -> {
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
        });
    }

    @Test
    void neverAboveThePairCapOrMaxPairPercentCountingWhatTheSymbolHolds() {
        forAll("neverAboveThePairCapOrMaxPairPercentCountingWhatTheSymbolHolds", SizerPropertiesTest::anyPhase, r -> {
            Sizer.Size s = sizer.size(r);
            if (s.skipped()) return;
            BigDecimal cap = s.goodSetup() ? SizerTest.SPEC.pairCapFraction() : SizerTest.SPEC.normalCapFraction();
            // PERP caps bound margin, every other class notional.
            BigDecimal divisor = r.assetClass() == AssetClass.PERP ? s.leverage() : BigDecimal.ONE;
            BigDecimal used = s.sizeUsd().add(r.symbolExposureUsd()).divide(divisor, MathContext.DECIMAL128);
            assertThat(used).isLessThanOrEqualTo(r.equity().multiply(cap));
            assertThat(used).isLessThanOrEqualTo(r.equity().multiply(r.maxPairFraction()));
            assertThat(s.sizeUsd().add(r.symbolExposureUsd())).isLessThanOrEqualTo(r.equity().multiply(s.leverage()));
        });
    }

    @Test
    void leverageIsTheTierClampedByTheAssetCap() {
        forAll("leverageIsTheTierClampedByTheAssetCap", SizerPropertiesTest::anyPhase, r -> {
            Sizer.Size s = sizer.size(r);
            BigDecimal cap = SizerTest.SPEC.assetLeverageCaps().get(r.assetClass());
            BigDecimal expected = tier(r.mode(), r.equity()).min(cap);
            assertThat(s.leverage()).isEqualByComparingTo(expected);
            assertThat(s.leverage()).isLessThanOrEqualTo(cap);
        });
    }

    @Test
    void aQuantityIsAWholeNumberOfStepsAndMeetsTheInstrumentMinimum() {
        forAll("aQuantityIsAWholeNumberOfStepsAndMeetsTheInstrumentMinimum", SizerPropertiesTest::anyPhase, r -> {
            Sizer.Size s = sizer.size(r);
            if (s.skipped()) return;
            assertThat(s.qty().remainder(step(r)).signum()).isZero();
            r.filter().ifPresent(f -> {
                assertThat(s.qty()).isGreaterThanOrEqualTo(f.minOrderQty());
                assertThat(s.sizeUsd()).isGreaterThanOrEqualTo(f.minNotional());
            });
        });
    }

    @Test
    void aSessionMultiplierNeverRaisesTheSize() {
        forAll("aSessionMultiplierNeverRaisesTheSize", SizerPropertiesTest::riskPhase, r -> {
            Sizer.Size s = sizer.size(r);
            Sizer.Size neutral = sizer.size(new Sizer.Request(r.assetClass(), r.mode(), r.side(), r.equity(), r.price(),
                    r.stopPrice(), r.atr(), r.signalScore(), r.kpiRailsPass(), BigDecimal.ONE, r.maxPairFraction(),
                    r.symbolExposureUsd(), r.filter()));
            assertThat(s.sizeUsd()).isLessThanOrEqualTo(neutral.sizeUsd());
        });
    }

    /**
     * Runs {@code property} on {@value #TRIES} requests drawn by {@code generator} from a fresh
     * {@link SplittableRandom} seeded with {@value #SEED}. Any failure (assertion or exception) is
     * rethrown with the property, seed, case number and request, the original as its cause.
     */
    private static void forAll(String property, Function<SplittableRandom, Sizer.Request> generator,
                               Consumer<Sizer.Request> check) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < TRIES; i++) {
            Sizer.Request r = generator.apply(random);
            try {
                check.accept(r);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed on case " + (i + 1) + " of " + TRIES + " (seed " + SEED
                        + "L) for " + r + ": " + e.getMessage(), e);
            }
        }
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

    // ---- Generators: the same ranges as the former jqwik arbitraries. ----

    private static Sizer.Request fixedPhase(SplittableRandom random) {
        return request(random, equity(random, "1", "19999.99"));
    }

    private static Sizer.Request riskPhase(SplittableRandom random) {
        return request(random, equity(random, "20000", "5000000"));
    }

    /** One of: a fixed-phase equity, a risk-phase equity, or one of the values around the threshold. */
    private static Sizer.Request anyPhase(SplittableRandom random) {
        BigDecimal equity = switch (random.nextInt(3)) {
            case 0 -> equity(random, "1", "19999.99");
            case 1 -> equity(random, "20000", "5000000");
            default -> oneOf(random, new BigDecimal("19999.99"), THRESHOLD, new BigDecimal("25000.01"));
        };
        return request(random, equity);
    }

    private static BigDecimal equity(SplittableRandom random, String min, String max) {
        return decimal(random, new BigDecimal(min), new BigDecimal(max), 2);
    }

    /**
     * A whole number in [min, max]. Like jqwik's edge-case mix-in, the bounds themselves are drawn
     * more often (1 in 20 each) than a uniform draw would give them.
     */
    private static long between(SplittableRandom random, long min, long max) {
        int edge = random.nextInt(20);
        if (edge == 0) return min;
        if (edge == 1) return max;
        return random.nextLong(min, max + 1);
    }

    /** Decimals of a fixed scale in [min, max], drawn as whole numbers of units. */
    private static BigDecimal decimal(SplittableRandom random, BigDecimal min, BigDecimal max, int scale) {
        return BigDecimal.valueOf(between(random, min.movePointRight(scale).longValueExact(),
                max.movePointRight(scale).longValueExact()), scale);
    }

    /** A double of at most {@code scale} decimals in [min, max] (jqwik's {@code doubles().between().ofScale()}). */
    private static double scaledDouble(SplittableRandom random, String min, String max, int scale) {
        return decimal(random, new BigDecimal(min), new BigDecimal(max), scale).doubleValue();
    }

    @SafeVarargs
    private static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Where the market is: entry price over nine decades ([1, 10] at 4 decimals times 10^[-4, 5]),
     * stop ([0.00001, 0.3] at 6 decimals of the price) and ATR ([0.000001, 0.05] at 7 decimals of
     * the price), side, and half the time an instrument filter; then who asks: asset class, mode,
     * score ([0, 1] at 3 decimals), KPI rails, session ([0.3, 1.5]), Max Pair % ([0.01, 1]) and
     * exposure (half the time none, else [0, 0.12] of equity at 4 decimals).
     */
    private static Sizer.Request request(SplittableRandom random, BigDecimal equity) {
        // Market.
        BigDecimal price = decimal(random, BigDecimal.ONE, BigDecimal.TEN, 4)
                .scaleByPowerOfTen((int) between(random, -4, 5));
        double stopFraction = scaledDouble(random, "0.00001", "0.3", 6);
        double atrFraction = scaledDouble(random, "0.000001", "0.05", 7);
        Side side = oneOf(random, Side.values());
        Optional<Sizer.Filter> filter = Optional.empty();
        if (random.nextBoolean()) {
            int k = (int) between(random, -8, 0);
            int n = (int) between(random, 1, 5);
            String minUsd = oneOf(random, "0", "1", "5", "10", "20");
            BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(k);
            filter = Optional.of(new Sizer.Filter(step, step.multiply(BigDecimal.valueOf(n)), new BigDecimal(minUsd)));
        }
        BigDecimal move = price.multiply(BigDecimal.valueOf(stopFraction)).round(MathContext.DECIMAL64);
        BigDecimal stop = side == Side.BUY ? price.subtract(move) : price.add(move);
        double atr = price.doubleValue() * atrFraction;
        // Account.
        // FOREX prices are in a quote currency and it trades whole units: ForexSizingTest holds its properties.
        AssetClass asset = oneOf(random, AssetClass.SPOT, AssetClass.PERP, AssetClass.OPTIONS);
        Mode mode = oneOf(random, Mode.values());
        double score = scaledDouble(random, "0", "1", 3);
        boolean kpi = random.nextBoolean();
        BigDecimal session = decimal(random, new BigDecimal("0.3"), new BigDecimal("1.5"), 2);
        BigDecimal maxPair = decimal(random, new BigDecimal("0.01"), BigDecimal.ONE, 2);
        BigDecimal heldFraction = random.nextBoolean() ? BigDecimal.ZERO
                : decimal(random, BigDecimal.ZERO, new BigDecimal("0.12"), 4);
        return new Sizer.Request(asset, mode, side, equity, price, stop, atr, score, kpi, session, maxPair,
                equity.multiply(heldFraction).setScale(2, RoundingMode.DOWN), filter);
    }
}
