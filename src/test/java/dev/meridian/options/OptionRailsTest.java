package dev.meridian.options;

import dev.meridian.config.OptionsPolicy;

import static dev.meridian.options.OptionType.CALL;
import static dev.meridian.options.OptionType.PUT;
import static dev.meridian.options.Quotes.q;
import static dev.meridian.options.Quotes.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

/** The packages here carry venue greeks, so their net delta and theta are exact. */
class OptionRailsTest {
    private static final BigDecimal STEP = new BigDecimal("0.01");
    private final PackageBuilder builder = new PackageBuilder(Quotes.ctx(0.5), STEP, STEP);

    private static OptionsPolicy policy(String maxPackageDeltaLeverage, String maxDebitThetaBleed) {
        return new OptionsPolicy(usd("0.05"), usd("0.05"), usd(maxPackageDeltaLeverage), usd("0.5"), true, usd(maxDebitThetaBleed));
    }

    private static final OptionRails RAILS = new OptionRails(policy("10", "0.05"));

    /** Long 60,000 C (Δ 0.55, θ −30/day, IV iv) − short 65,000 C (Δ 0.30, θ −20/day): debit 1,300, Δ 0.25, θ −10/day a unit. */
    private OptionPackage bullCall(double longIv) {
        return builder.bullCallSpread(q(CALL, 60_000, "1900", "2000", longIv, 0.55, -30), q(CALL, 65_000, "700", "800", 0.5, 0.30, -20));
    }

    /**
     * Short 57,000 P (a long one has Δ −0.25, θ −25/day; IV iv), long 55,000 P (Δ −0.15, θ −15/day): credit 400,
     * Δ +0.10, θ +10/day a unit. Greeks are those of a long contract; the short side negates them.
     */
    private OptionPackage bullPut(double shortIv) {
        return builder.bullPutSpread(q(PUT, 57_000, "1000", "1100", shortIv, -0.25, -25), q(PUT, 55_000, "500", "600", 0.7, -0.15, -15));
    }

    @Test
    void packageDeltaCapRefusesATooDirectionalPackage() {
        // |0.25 × 60,000| / 1,300 = 11.54 > 10.
        OptionRailCheck check = RAILS.packageDelta(bullCall(0.5));
        assertThat(check.allowed()).isFalse();
        assertThat(check.figures().get("delta_leverage")).isCloseTo(15_000.0 / 1_300, within(1e-9));
        assertThat(check.reason()).contains("11.5385").contains("> max_package_delta_leverage 10.0000");
        // The figure does not depend on quantity, so a smaller package is refused too.
        assertThat(RAILS.packageDelta(bullCall(0.5).withQty(new BigDecimal("0.01"))).allowed()).isFalse();
        assertThat(new OptionRails(policy("12", "0.05")).packageDelta(bullCall(0.5)).allowed()).isTrue();
        // |0.10 × 60,000| / 1,600 = 3.75.
        assertThat(RAILS.packageDelta(bullPut(0.6)).allowed()).isTrue();
    }

    @Test
    void ledgerDeltaCapRefusesAPackageThatAlonePasses() {
        // 0.05 × Δ 0.25 × 60,000 = $750 of delta; equity $2,000 and cap 0.5 allow $1,000.
        OptionPackage pkg = bullCall(0.5).withQty(new BigDecimal("0.05"));
        BigDecimal equity = usd("2000");
        OptionRailCheck alone = RAILS.ledgerDelta(List.of(), pkg, equity);
        assertThat(alone.allowed()).isTrue();
        assertThat(alone.figures().get("ledger_delta_fraction")).isCloseTo(0.375, within(1e-12));

        // An open BTC package long $400 of delta: 1,150 / 2,000 = 0.575 > 0.5.
        OptionRailCheck withOpen = RAILS.ledgerDelta(List.of(new DeltaExposure("BTC", 0.4 / 60, 60_000)), pkg, equity);
        assertThat(withOpen.allowed()).isFalse();
        assertThat(withOpen.figures().get("ledger_delta_usd")).isCloseTo(1_150, within(1e-9));
        assertThat(withOpen.reason()).contains("> max_ledger_delta_fraction");

        // A short BTC exposure nets against it; a short ETH exposure does not.
        assertThat(RAILS.ledgerDelta(List.of(new DeltaExposure("BTC", -400.0 / 60_000, 60_000)), pkg, equity).allowed()).isTrue();
        OptionRailCheck eth = RAILS.ledgerDelta(List.of(new DeltaExposure("ETH", -0.125, 3_200)), pkg, equity);
        assertThat(eth.figures().get("ledger_delta_usd")).isCloseTo(1_150, within(1e-9));
        assertThat(eth.allowed()).isFalse();
    }

    @Test
    void creditPackagesMustSellRichVolatility() {
        // Short leg IV 0.60 against RV 0.50: edge 0.10 ≥ 0.05.
        OptionRailCheck rich = RAILS.ivEdge(bullPut(0.60), 0.50);
        assertThat(rich.allowed()).isTrue();
        assertThat(rich.figures().get("edge")).isCloseTo(0.10, within(1e-12));
        // RV 0.58: edge 0.02 < 0.05. Only the short leg's IV counts, not the long leg's 0.70.
        OptionRailCheck thin = RAILS.ivEdge(bullPut(0.60), 0.58);
        assertThat(thin.allowed()).isFalse();
        assertThat(thin.figures().get("iv")).isEqualTo(0.60);
        assertThat(thin.reason()).contains("< min_credit_iv_edge 0.0500");
    }

    @Test
    void debitPackagesMustBuyCheapVolatility() {
        // Long leg IV 0.52 against RV 0.50: edge 0.02 ≤ 0.05.
        assertThat(RAILS.ivEdge(bullCall(0.52), 0.50).allowed()).isTrue();
        // Long leg IV 0.70: edge 0.20 > 0.05, volatility is dear.
        OptionRailCheck dear = RAILS.ivEdge(bullCall(0.70), 0.50);
        assertThat(dear.allowed()).isFalse();
        assertThat(dear.figures().get("edge")).isCloseTo(0.20, within(1e-12));
        assertThat(dear.reason()).contains("> max_debit_iv_edge 0.0500");
    }

    @Test
    void ironCondorEdgeIsTheMeanOfItsShortLegs() {
        OptionPackage condor = builder.ironCondor(q(PUT, 54_000, "400", "450", 0.9, -0.05, -5), q(PUT, 56_000, "800", "850", 0.60, -0.15, -20),
                q(CALL, 64_000, "900", "950", 0.70, 0.15, -20), q(CALL, 67_000, "350", "400", 0.9, 0.05, -5));
        OptionRailCheck check = RAILS.ivEdge(condor, 0.58);
        assertThat(check.figures().get("iv")).isCloseTo(0.65, within(1e-12));
        assertThat(check.allowed()).isTrue();
        assertThat(RAILS.theta(condor).allowed()).isTrue();
        assertThat(RAILS.theta(condor).figures().get("theta_per_day")).isCloseTo(30, within(1e-9));
    }

    @Test
    void edgeCannotBeMeasuredWithoutAMarketIv() {
        // No mark IV and no mark price to imply one from.
        OptionQuote bare = new OptionQuote("BTC-28JUN24-60000-C", "BTC", Quotes.EXPIRY, usd("60000"), CALL, usd("1900"), usd("2000"),
                BigDecimal.ZERO, OptionalDouble.empty(), Optional.of(Greeks.ofVenue(0.55, 0, 0, -30)), false);
        OptionPackage pkg = builder.bullCallSpread(bare, q(CALL, 65_000, "700", "800", 0.5, 0.30, -20));
        OptionRailCheck check = RAILS.ivEdge(pkg, 0.5);
        assertThat(check.allowed()).isFalse();
        assertThat(check.reason()).contains("no market IV");
    }

    @Test
    void ivIsImpliedFromTheMarkWhenTheVenueGivesNone() {
        double t = (Quotes.EXPIRY - Quotes.NOW) / (365 * 86_400_000.0);
        BigDecimal mark = BigDecimal.valueOf(BlackScholes.callPrice(Quotes.SPOT, 60_000, 0, 0.62, t));
        OptionQuote noIv = new OptionQuote("BTC-28JUN24-60000-C", "BTC", Quotes.EXPIRY, usd("60000"), CALL, usd("1"), usd("99999"),
                mark, OptionalDouble.empty(), Optional.empty(), false);
        assertThat(Quotes.ctx(0.5).impliedVol(noIv)).hasValueCloseTo(0.62, within(1e-9));
    }

    @Test
    void thetaRule() {
        // Debit: decay 10 a day against 5 % of 1,300 = 65 allowed; against 0.5 % = 6.5 refused.
        OptionRailCheck ok = RAILS.theta(bullCall(0.5));
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.figures().get("theta_per_day")).isCloseTo(-10, within(1e-9));
        assertThat(ok.figures().get("max_bleed_per_day")).isCloseTo(65, within(1e-9));
        OptionRailCheck bleeding = new OptionRails(policy("10", "0.005")).theta(bullCall(0.5));
        assertThat(bleeding.allowed()).isFalse();
        assertThat(bleeding.reason()).contains("decay 10.0000 per day > 6.5000");
        // Credit: +10 a day earns decay; a credit package losing to time is refused.
        assertThat(RAILS.theta(bullPut(0.6)).allowed()).isTrue();
        OptionPackage negative = builder.bullPutSpread(q(PUT, 57_000, "1000", "1100", 0.6, -0.25, -5), q(PUT, 55_000, "500", "600", 0.7, -0.15, -15));
        OptionRailCheck refused = RAILS.theta(negative);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).contains("must earn time decay");
        OptionsPolicy lenient = new OptionsPolicy(usd("0.05"), usd("0.05"), usd("10"), usd("0.5"), false, usd("0.05"));
        assertThat(new OptionRails(lenient).theta(negative).allowed()).isTrue();
    }

    @Test
    void verdictCombinesTheFourRails() {
        OptionPackage pkg = bullPut(0.6).withQty(new BigDecimal("0.02"));
        OptionRails.Verdict v = RAILS.check(pkg, 0.5, List.of(), usd("1000"));
        assertThat(v.checks()).extracting(OptionRailCheck::rail).containsExactly(OptionRailCheck.Rail.IV_EDGE,
                OptionRailCheck.Rail.PACKAGE_DELTA, OptionRailCheck.Rail.LEDGER_DELTA, OptionRailCheck.Rail.THETA);
        assertThat(v.allowed()).isTrue();
        OptionRails.Verdict thin = RAILS.check(pkg, 0.58, List.of(), usd("1000"));
        assertThat(thin.allowed()).isFalse();
        assertThat(thin.refusals()).extracting(OptionRailCheck::rail).containsExactly(OptionRailCheck.Rail.IV_EDGE);
    }

    @Test
    void policyNamesEveryBadField() {
        assertThatThrownBy(() -> new OptionsPolicy(usd("2"), usd("0.05"), usd("0"), usd("0.5"), true, usd("1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min_credit_iv_edge must be in [-1, 1], got 2")
                .hasMessageContaining("max_package_delta_leverage must be in (0, 1000], got 0")
                .hasMessageContaining("max_debit_theta_bleed_fraction must be in (0, 1], got 1.5")
                .hasMessageNotContaining("max_debit_iv_edge")
                .hasMessageNotContaining("max_ledger_delta_fraction");
        assertThatThrownBy(() -> new OptionsPolicy(usd("0.05"), null, usd("10"), usd("-1"), true, usd("0.05")))
                .hasMessageContaining("max_debit_iv_edge is missing")
                .hasMessageContaining("max_ledger_delta_fraction must be in (0, 10], got -1");
    }
}
