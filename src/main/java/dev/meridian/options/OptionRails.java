package dev.meridian.options;

import dev.meridian.config.OptionsPolicy;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The options-specific entry checks, each a pure function of the package, the market figures
 * passed in and the {@link OptionsPolicy}. Definitions:
 * <ul>
 *   <li><b>IV − RV edge</b> ({@link #ivEdge}). IV is the quantity-weighted mean market IV of the
 *   legs the package is betting on: the short option legs of a credit package (the volatility it
 *   sells), the long option legs of a debit package (the volatility it buys). RV is the
 *   underlying's realized volatility, annualised. A credit package needs IV − RV ≥
 *   {@code min_credit_iv_edge}: sell volatility only when it is rich. A debit package needs IV −
 *   RV ≤ {@code max_debit_iv_edge}: buy it only when it is not dear. A leg without a market IV
 *   (no mark IV and none implied by its mark) is refused: the edge cannot be measured.</li>
 *   <li><b>Package delta</b> ({@link #packageDelta}). Delta leverage = |net delta × underlying
 *   price| / max loss: a 1 % move of the underlying changes the package's value by about that many
 *   percent of its max loss. It does not depend on the quantity, so it caps the shape of a
 *   package, not its size; must be ≤ {@code max_package_delta_leverage}.</li>
 *   <li><b>Sub-ledger delta</b> ({@link #ledgerDelta}). Delta dollars (net delta × price) of the
 *   open packages and the new one are netted per underlying, their absolute values summed across
 *   underlyings (a long BTC and a short ETH position do not offset), and divided by the options
 *   sub-ledger equity; must be ≤ {@code max_ledger_delta_fraction}.</li>
 *   <li><b>Theta</b> ({@link #theta}). Net theta per day is always reported. A credit package must
 *   earn time decay (theta/day > 0) when {@code credit_needs_positive_theta}; a debit package's
 *   decay, −theta/day when negative, must be ≤ {@code max_debit_theta_bleed_fraction} × its
 *   premium.</li>
 * </ul>
 */
public final class OptionRails {
    private final OptionsPolicy policy;

    public OptionRails(OptionsPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Every check of a new package. */
    public record Verdict(List<OptionRailCheck> checks) {
        public Verdict {
            checks = List.copyOf(checks);
        }

        public boolean allowed() { return checks.stream().allMatch(OptionRailCheck::allowed); }

        public List<OptionRailCheck> refusals() { return checks.stream().filter(c -> !c.allowed()).toList(); }
    }

    /**
     * All four rails for {@code candidate}.
     *
     * @param realizedVol     the underlying's realized volatility, annualised, ≥ 0
     * @param open            the exposures of the sub-ledger's open packages, at current prices
     * @param ledgerEquityUsd the options sub-ledger's equity
     */
    public Verdict check(OptionPackage candidate, double realizedVol, List<DeltaExposure> open, BigDecimal ledgerEquityUsd) {
        return new Verdict(List.of(ivEdge(candidate, realizedVol), packageDelta(candidate),
                ledgerDelta(open, candidate, ledgerEquityUsd), theta(candidate)));
    }

    public OptionRailCheck ivEdge(OptionPackage pkg, double realizedVol) {
        if (!(realizedVol >= 0) || Double.isInfinite(realizedVol)) {
            throw new IllegalArgumentException("realized volatility must be >= 0 and finite, got " + realizedVol);
        }
        boolean credit = pkg.credit();
        String legs = credit ? "short" : "long";
        double weighted = 0;
        double qty = 0;
        for (OptionPackage.Leg leg : pkg.optionLegs()) {
            if ((leg.side() == Side.SELL) != credit) continue;
            OptionalDouble iv = leg.impliedVol();
            if (iv.isEmpty()) {
                return new OptionRailCheck(OptionRailCheck.Rail.IV_EDGE, false, pkg.kind() + ": " + legs + " leg "
                        + leg.contract().orElseThrow().symbol() + " has no market IV, so IV − RV cannot be measured",
                        Map.of("rv", realizedVol));
            }
            weighted += leg.qty().doubleValue() * iv.getAsDouble();
            qty += leg.qty().doubleValue();
        }
        if (qty == 0) throw new IllegalArgumentException(pkg.kind() + " has no " + legs + " option leg to measure IV on");
        double iv = weighted / qty;
        double edge = iv - realizedVol;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("iv", iv);
        figures.put("rv", realizedVol);
        figures.put("edge", edge);
        if (credit) {
            double min = policy.minCreditIvEdge().doubleValue();
            figures.put("min_edge", min);
            boolean ok = edge >= min;
            return new OptionRailCheck(OptionRailCheck.Rail.IV_EDGE, ok, String.format(Locale.ROOT,
                    "%s sells volatility: short legs' IV %.4f − RV %.4f = %.4f %s min_credit_iv_edge %.4f",
                    pkg.kind(), iv, realizedVol, edge, ok ? "≥" : "<", min), figures);
        }
        double max = policy.maxDebitIvEdge().doubleValue();
        figures.put("max_edge", max);
        boolean ok = edge <= max;
        return new OptionRailCheck(OptionRailCheck.Rail.IV_EDGE, ok, String.format(Locale.ROOT,
                "%s buys volatility: long legs' IV %.4f − RV %.4f = %.4f %s max_debit_iv_edge %.4f",
                pkg.kind(), iv, realizedVol, edge, ok ? "≤" : ">", max), figures);
    }

    public OptionRailCheck packageDelta(OptionPackage pkg) {
        double deltaUsd = pkg.netDelta() * pkg.underlyingPrice();
        double maxLoss = pkg.maxLoss().doubleValue();
        double leverage = Math.abs(deltaUsd) / maxLoss;
        double max = policy.maxPackageDeltaLeverage().doubleValue();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("net_delta", pkg.netDelta());
        figures.put("underlying_price", pkg.underlyingPrice());
        figures.put("delta_usd", deltaUsd);
        figures.put("max_loss", maxLoss);
        figures.put("delta_leverage", leverage);
        figures.put("max_delta_leverage", max);
        boolean ok = leverage <= max;
        return new OptionRailCheck(OptionRailCheck.Rail.PACKAGE_DELTA, ok, String.format(Locale.ROOT,
                "%s: |net delta %.6f × price %.2f| / max loss %.2f = %.4f %s max_package_delta_leverage %.4f",
                pkg.kind(), pkg.netDelta(), pkg.underlyingPrice(), maxLoss, leverage, ok ? "≤" : ">", max), figures);
    }

    public OptionRailCheck ledgerDelta(List<DeltaExposure> open, OptionPackage candidate, BigDecimal ledgerEquityUsd) {
        Objects.requireNonNull(ledgerEquityUsd, "ledgerEquityUsd");
        Map<String, Double> byUnderlying = new TreeMap<>();
        for (DeltaExposure e : open) byUnderlying.merge(e.underlying(), e.deltaUsd(), Double::sum);
        double before = byUnderlying.values().stream().mapToDouble(Math::abs).sum();
        DeltaExposure added = candidate.exposure();
        byUnderlying.merge(added.underlying(), added.deltaUsd(), Double::sum);
        double after = byUnderlying.values().stream().mapToDouble(Math::abs).sum();
        double equity = ledgerEquityUsd.doubleValue();
        double max = policy.maxLedgerDeltaFraction().doubleValue();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("open_delta_usd", before);
        figures.put("package_delta_usd", added.deltaUsd());
        figures.put("ledger_delta_usd", after);
        figures.put("ledger_equity", equity);
        figures.put("max_ledger_delta_fraction", max);
        if (!(equity > 0)) {
            return new OptionRailCheck(OptionRailCheck.Rail.LEDGER_DELTA, false,
                    "options sub-ledger equity " + ledgerEquityUsd.toPlainString() + " is not positive", figures);
        }
        double fraction = after / equity;
        figures.put("ledger_delta_fraction", fraction);
        boolean ok = fraction <= max;
        return new OptionRailCheck(OptionRailCheck.Rail.LEDGER_DELTA, ok, String.format(Locale.ROOT,
                "options sub-ledger: |delta $| %.2f (open %.2f, this package %+.2f) / equity %.2f = %.4f %s max_ledger_delta_fraction %.4f",
                after, before, added.deltaUsd(), equity, fraction, ok ? "≤" : ">", max), figures);
    }

    public OptionRailCheck theta(OptionPackage pkg) {
        double theta = pkg.netThetaPerDay();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("theta_per_day", theta);
        if (pkg.credit()) {
            boolean ok = !policy.creditNeedsPositiveTheta() || theta > 0;
            return new OptionRailCheck(OptionRailCheck.Rail.THETA, ok, String.format(Locale.ROOT,
                    "%s: theta %+.4f per day%s", pkg.kind(), theta,
                    policy.creditNeedsPositiveTheta() ? (ok ? " > 0" : " ≤ 0: a credit package must earn time decay") : " (not required > 0)"),
                    figures);
        }
        double bleed = Math.max(-theta, 0);
        double premium = pkg.netPremium().doubleValue();
        double limit = policy.maxDebitThetaBleedFraction().doubleValue() * premium;
        figures.put("bleed_per_day", bleed);
        figures.put("premium", premium);
        figures.put("max_bleed_per_day", limit);
        boolean ok = bleed <= limit;
        return new OptionRailCheck(OptionRailCheck.Rail.THETA, ok, String.format(Locale.ROOT,
                "%s: decay %.4f per day %s %.4f (max_debit_theta_bleed_fraction %s × premium %.4f)", pkg.kind(), bleed,
                ok ? "≤" : ">", limit, policy.maxDebitThetaBleedFraction().toPlainString(), premium), figures);
    }
}
