package dev.meridian.strategy;

import dev.meridian.config.OptionsPolicy;
import dev.meridian.core.Regime;
import dev.meridian.options.Greeks;
import dev.meridian.options.OptionChain;
import dev.meridian.options.OptionQuote;
import dev.meridian.options.PackageOrders;
import dev.meridian.options.PackageTrader;
import dev.meridian.options.PricingContext;
import dev.meridian.options.SyntheticChain;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A package chosen from a venue's chain survives a restart: its entry inputs, stored as the
 * {@code options_packages} JSON row, keep its contracts' quotes, and the trader rebuilds the
 * identical package from them without the venue's chain.
 */
class StoredPackagesTest {
    private static final OptionsPolicy LENIENT = new OptionsPolicy(new BigDecimal("-1"), BigDecimal.ONE, new BigDecimal("1000"),
            BigDecimal.TEN, false, BigDecimal.ONE);
    private static final long T0 = Instant.parse("2026-12-06T09:00:00Z").toEpochMilli();

    /** The synthetic chain's contracts as a venue would quote them: not synthetic, with venue greeks (no rho). */
    private static OptionChain venueChain() {
        OptionChain model = SyntheticChain.build("BTC", T0, 90_000, 0.55, SyntheticChain.Spec.defaults());
        List<OptionQuote> quoted = new ArrayList<>();
        PricingContext ctx = new PricingContext(90_000, T0, 0.5, 0);
        for (OptionQuote q : model.contracts()) {
            // The model's greeks, as the venue would send them: without rho.
            Greeks g = ctx.greeks(q).greeks();
            quoted.add(new OptionQuote(q.symbol(), q.underlying(), q.expiryMs(), q.strike(), q.type(), q.bid(), q.ask(), q.markPrice(),
                    q.markIv(), Optional.of(new Greeks(g.delta(), g.gamma(), g.vega(), g.theta(), Double.NaN)), false));
        }
        return new OptionChain("BTC", T0, 90_100, quoted);
    }

    @Test
    void aVenuePackagesStoredInputsRebuildTheSamePackageAfterARestart() {
        PackageTrader before = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        PackageTrader.Step step = before.onBar("BTCUSDT", T0, 90_000, 0.5, Regime.RANGE, 0.9, true, new BigDecimal("100"),
                new BigDecimal("1000"), Optional.of(venueChain()), List.of());
        PackageTrader.Open open = step.opened().orElseThrow(() -> new AssertionError(step.note()));
        PackageTrader.EntryInputs in = before.entryInputs().orElseThrow();
        assertThat(in.venueQuotes()).hasSize(open.pkg().optionLegs().size());
        assertThat(in.chainPrice()).isEqualTo(90_100);

        JsonObject row = new JsonObject().put("packages", new JsonObject(Map.of("OPTIONS:BTCUSDT", StrategyVerticle.json(in))));
        PackageTrader.EntryInputs read = StrategyVerticle.storedPackages(new JsonObject(row.encode())).get("OPTIONS:BTCUSDT");
        assertThat(read.venueQuotes()).hasSize(in.venueQuotes().size());
        assertThat(Double.isNaN(read.venueQuotes().get(0).venueGreeks().orElseThrow().rho())).isTrue();

        PackageTrader after = new PackageTrader(PackageTrader.Params.defaults(), LENIENT);
        PackageTrader.Open again = after.reopen(read).orElseThrow();
        assertThat(PackageOrders.symbol(again.pkg())).isEqualTo(PackageOrders.symbol(open.pkg())).doesNotStartWith("SYNTHETIC");
        assertThat(again.entryFill()).isEqualByComparingTo(open.entryFill());
        assertThat(again.entryMid()).isEqualByComparingTo(open.entryMid());
        assertThat(PackageOrders.entryTicket(again)).isEqualTo(PackageOrders.entryTicket(open));
    }
}
