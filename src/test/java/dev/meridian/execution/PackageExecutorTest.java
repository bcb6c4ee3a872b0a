package dev.meridian.execution;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Side;
import dev.meridian.exchange.LiveVenue.PlaceOutcome;
import dev.meridian.exchange.LiveVenue.Placed;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.OrderType;
import dev.meridian.execution.PackageResult.LegOutcome;
import dev.meridian.execution.PackageResult.LegState;
import dev.meridian.options.OptionPackage;
import dev.meridian.options.OptionQuote;
import dev.meridian.options.OptionType;
import dev.meridian.options.PackageBuilder;
import dev.meridian.options.PricingContext;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PackageExecutor} against {@link ScriptedVenue}: the venue's answers and pushed fills are
 * scripted per orderLinkId; everything runs on one Vert.x context, as with the router.
 */
class PackageExecutorTest {
    private static final long NOW = 1_767_225_600_000L;          // 2026-01-01T00:00Z
    private static final long EXPIRY = 1_769_760_000_000L;       // 2026-01-30T08:00Z

    private Vertx vertx;
    private Context ctx;
    private ScriptedVenue venue;
    /** Orders the venue refuses, by orderLinkId. */
    private final Set<String> rejects = new HashSet<>();
    /** Orders the venue accepts but fills only partly (then leaves the IOC's rest unanswered), by orderLinkId. */
    private final Set<String> halfFills = new HashSet<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        ctx = vertx.getOrCreateContext();
        venue = new ScriptedVenue();
        venue.classes = Set.of(AssetClass.OPTIONS);
        venue.onPlace = this::answer;
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    /** The scripted venue: refuse, or accept and push the fill a moment later as the private stream would. */
    private PlaceOutcome answer(OrderRequest r) {
        String link = r.orderLinkId();
        if (rejects.contains(link)) return new PlaceOutcome(Placed.REJECTED, "110007 ab not enough for new order");
        String price = r.limitPrice().orElseThrow().toPlainString();
        ctx.runOnContext(v -> {
            if (halfFills.contains(link)) {
                String half = r.qty().divide(BigDecimal.valueOf(2)).toPlainString();
                venue.execute(link, "x-" + link, half, price, "0", "0.01", true);
                venue.status(link, OrderStatus.PARTIALLY_FILLED, half, true);
            } else {
                venue.execute(link, "x-" + link, r.qty().toPlainString(), price, "0", "0.03", true);
                venue.status(link, OrderStatus.FILLED, r.qty().toPlainString(), true);
            }
        });
        return new PlaceOutcome(Placed.PLACED, "orderId b-" + link);
    }

    private PackageResult run(String packageId, List<PackageLeg> legs) {
        Promise<PackageResult> done = Promise.promise();
        ctx.runOnContext(v -> {
            venue.start();
            PackageExecutor executor = new PackageExecutor(vertx, venue, Duration.ofMillis(300), () -> NOW);
            venue.onEvent(executor::onEvent);
            executor.execute(packageId, legs).onComplete(done);
        });
        return done.future().await();
    }

    private static PackageLeg leg(String symbol, Side side, String price, String unwindPrice) {
        return new PackageLeg(symbol, side, new BigDecimal("0.10"), new BigDecimal(price), new BigDecimal(unwindPrice));
    }

    private static OptionQuote quote(String strike, OptionType type, String bid, String ask) {
        String symbol = "BTC-30JAN26-" + strike + "-" + (type == OptionType.CALL ? "C" : "P");
        BigDecimal mid = new BigDecimal(bid).add(new BigDecimal(ask)).divide(BigDecimal.valueOf(2));
        return new OptionQuote(symbol, "BTC", EXPIRY, new BigDecimal(strike), type, new BigDecimal(bid), new BigDecimal(ask), mid,
                OptionalDouble.of(0.5), Optional.empty(), false);
    }

    private List<String> placedIds() {
        return venue.placed.stream().map(OrderRequest::orderLinkId).toList();
    }

    @Test
    void aVerticalWhoseSecondLegIsRejectedUnwindsTheFirstWithAnOppositeReduceOnlyIoc() {
        // A bear call spread as the caller lists it: short the 90000 call, long the 100000 call.
        List<PackageLeg> legs = List.of(leg("BTC-30JAN26-90000-C", Side.SELL, "5200", "5900"),
                leg("BTC-30JAN26-100000-C", Side.BUY, "1150", "900"));
        rejects.add("bcs1-L0");

        PackageResult result = run("bcs1", legs);

        assertThat(result.status()).isEqualTo(PackageResult.Status.UNWOUND);
        assertThat(result.reason()).contains("leg 0 SELL 0.10 BTC-30JAN26-90000-C failed")
                .contains("REJECTED: 110007 ab not enough for new order").contains("1 filled leg(s) closed again");
        // The long leg went first, so the failed short never left anything naked; then its fill was closed.
        assertThat(placedIds()).containsExactly("bcs1-L1", "bcs1-L0", "bcs1-U1");
        OrderRequest unwind = venue.placed.get(2);
        assertThat(unwind.side()).isEqualTo(Side.SELL);
        assertThat(unwind.symbol()).isEqualTo("BTC-30JAN26-100000-C");
        assertThat(unwind.category()).isEqualTo(Category.OPTION);
        assertThat(unwind.type()).isEqualTo(OrderType.LIMIT);
        assertThat(unwind.ioc()).isTrue();
        assertThat(unwind.reduceOnly()).isTrue();
        assertThat(unwind.qty()).isEqualByComparingTo("0.10");
        assertThat(unwind.limitPrice()).contains(new BigDecimal("900"));

        LegOutcome shortLeg = result.legs().get(0);
        assertThat(shortLeg.state()).isEqualTo(LegState.FAILED);
        assertThat(shortLeg.filledQty()).isEqualByComparingTo("0");
        assertThat(shortLeg.reason()).contains("110007");
        assertThat(shortLeg.unwind()).isEmpty();
        LegOutcome longLeg = result.legs().get(1);
        assertThat(longLeg.state()).isEqualTo(LegState.FILLED);
        assertThat(longLeg.orderLinkId()).isEqualTo("bcs1-L1");
        assertThat(longLeg.avgPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1150"));
        assertThat(longLeg.unwind()).hasValueSatisfying(u -> {
            assertThat(u.orderLinkId()).isEqualTo("bcs1-U1");
            assertThat(u.closed()).isTrue();
            assertThat(u.closedQty()).isEqualByComparingTo("0.10");
        });
        assertThat(result.openLegs()).isEmpty();
    }

    @Test
    void anIronCondorThatFillsCompletelyIsFilledWithItsBuyLegsSentFirst() {
        PricingContext pricing = new PricingContext(94_000, NOW, 0.5, 0.0);
        OptionPackage condor = new PackageBuilder(pricing, new BigDecimal("0.01"), new BigDecimal("0.01")).ironCondor(
                quote("80000", OptionType.PUT, "300", "320"), quote("85000", OptionType.PUT, "700", "720"),
                quote("105000", OptionType.CALL, "650", "670"), quote("110000", OptionType.CALL, "280", "300"))
                .withQty(new BigDecimal("0.10"));
        List<PackageLeg> legs = PackageExecutor.legsOf(condor, new BigDecimal("0.25"));

        PackageResult result = run("ic-7", legs);

        assertThat(result.status()).as(result.reason()).isEqualTo(PackageResult.Status.FILLED);
        assertThat(result.reason()).isEmpty();
        // Caller's order: +P80000, -P85000, -C105000, +C110000. Buys first, each side in that order.
        assertThat(placedIds()).containsExactly("ic-7-L0", "ic-7-L3", "ic-7-L1", "ic-7-L2");
        assertThat(venue.placed).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo(OrderType.LIMIT);
            assertThat(r.ioc()).isTrue();
            assertThat(r.reduceOnly()).isFalse();
            assertThat(r.category()).isEqualTo(Category.OPTION);
            assertThat(r.qty()).isEqualByComparingTo("0.10");
        });
        // Each leg at the price the package was judged at: a buy at the ask, a sell at the bid.
        assertThat(venue.placed).extracting(r -> r.limitPrice().orElseThrow().toPlainString())
                .containsExactly("320", "300", "700", "650");
        assertThat(result.legs()).extracting(LegOutcome::state).containsOnly(LegState.FILLED);
        assertThat(result.legs()).allSatisfy(l -> assertThat(l.unwind()).isEmpty());
        assertThat(result.openLegs()).isEmpty();
        // Unwind prices are 25 % worse than the leg's own: a long sold back lower, a short bought back higher.
        assertThat(legs.get(0).unwindLimitPrice()).isEqualByComparingTo("240");
        assertThat(legs.get(1).unwindLimitPrice()).isEqualByComparingTo("875");
    }

    @Test
    void anUnwindTheVenueRejectsIsUnwindFailedNamingTheLegLeftOpen() {
        List<PackageLeg> legs = List.of(leg("BTC-30JAN26-90000-C", Side.BUY, "5300", "4000"),
                leg("BTC-30JAN26-100000-C", Side.SELL, "1100", "1500"));
        rejects.add("bull2-L1");
        rejects.add("bull2-U0");

        PackageResult result = run("bull2", legs);

        assertThat(result.status()).isEqualTo(PackageResult.Status.UNWIND_FAILED);
        assertThat(result.reason()).contains("leg 1 SELL 0.10 BTC-30JAN26-100000-C failed")
                .contains("UNWIND FAILED, LEFT OPEN AT scripted: leg 0 BUY 0.10 BTC-30JAN26-90000-C")
                .contains("110007");
        assertThat(placedIds()).containsExactly("bull2-L0", "bull2-L1", "bull2-U0");
        assertThat(result.openLegs()).singleElement().satisfies(l -> {
            assertThat(l.index()).isZero();
            assertThat(l.leftOpen()).isEqualByComparingTo("0.10");
            assertThat(l.unwind()).hasValueSatisfying(u -> {
                assertThat(u.closed()).isFalse();
                assertThat(u.reason()).contains("REJECTED");
            });
        });
    }

    @Test
    void aLegNotCompletelyFilledInTimeFailsAndItsPartialFillIsUnwoundToo() {
        List<PackageLeg> legs = List.of(leg("BTC-30JAN26-90000-C", Side.BUY, "5300", "4000"),
                leg("BTC-30JAN26-100000-C", Side.SELL, "1100", "1500"));
        halfFills.add("bull3-L1");

        PackageResult result = run("bull3", legs);

        assertThat(result.status()).as(result.reason()).isEqualTo(PackageResult.Status.UNWOUND);
        assertThat(result.reason()).contains("not completely filled within 300 ms").contains("filled 0.05 of 0.10");
        // The short's half fill is bought back first, then the long sold.
        assertThat(placedIds()).containsExactly("bull3-L0", "bull3-L1", "bull3-U1", "bull3-U0");
        assertThat(venue.placed.get(2).side()).isEqualTo(Side.BUY);
        assertThat(venue.placed.get(2).qty()).isEqualByComparingTo("0.05");
        assertThat(venue.placed.get(2).reduceOnly()).isTrue();
        assertThat(result.legs().get(1).filledQty()).isEqualByComparingTo("0.05");
        assertThat(result.openLegs()).isEmpty();
    }

    @Test
    void whenAShortCannotBeBoughtBackTheLongsAreKeptAsItsCover() {
        PricingContext pricing = new PricingContext(94_000, NOW, 0.5, 0.0);
        OptionPackage condor = new PackageBuilder(pricing, new BigDecimal("0.01"), new BigDecimal("0.01")).ironCondor(
                quote("80000", OptionType.PUT, "300", "320"), quote("85000", OptionType.PUT, "700", "720"),
                quote("105000", OptionType.CALL, "650", "670"), quote("110000", OptionType.CALL, "280", "300"))
                .withQty(new BigDecimal("0.10"));
        rejects.add("ic-8-L2");     // the short call is refused after the short put filled
        rejects.add("ic-8-U1");     // and the short put cannot be bought back

        PackageResult result = run("ic-8", PackageExecutor.legsOf(condor, new BigDecimal("0.25")));

        assertThat(result.status()).isEqualTo(PackageResult.Status.UNWIND_FAILED);
        assertThat(placedIds()).containsExactly("ic-8-L0", "ic-8-L3", "ic-8-L1", "ic-8-L2", "ic-8-U1");
        assertThat(result.openLegs()).extracting(LegOutcome::index).containsExactly(0, 1, 3);
        assertThat(result.legs().get(0).unwind()).hasValueSatisfying(u -> assertThat(u.reason()).contains("kept as cover"));
        assertThat(result.legs().get(2).state()).isEqualTo(LegState.FAILED);
    }

    @Test
    void aBadPackageIdIsRefusedBeforeAnythingIsSent() {
        Function<String, Throwable> attempt = id -> {
            Promise<PackageResult> p = Promise.promise();
            ctx.runOnContext(v -> new PackageExecutor(vertx, venue, Duration.ofMillis(300), () -> NOW)
                    .execute(id, List.of(leg("BTC-30JAN26-90000-C", Side.BUY, "5300", "4000"))).onComplete(p));
            try {
                p.future().await();
                return null;
            } catch (Exception e) {
                return e;
            }
        };
        assertThat(attempt.apply("x".repeat(34))).hasMessageContaining("1..33");
        assertThat(attempt.apply("bad id")).hasMessageContaining("package id");
        assertThat(venue.placed).isEmpty();
    }
}
