package dev.meridian.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * policies/options_policy.json: the numbers the option rails ({@code options.OptionRails}) enforce
 * on every package. Volatilities and edges are fractions per year (0.05 = 5 volatility points);
 * the names in messages are the JSON keys.
 *
 * @param minCreditIvEdge           a credit package's short legs' IV − RV must be ≥ this, in [−1, 1]
 * @param maxDebitIvEdge            a debit package's long legs' IV − RV must be ≤ this, in [−1, 1]
 * @param maxPackageDeltaLeverage   |net delta × price| / max loss of one package must be ≤ this, in (0, 1000]
 * @param maxLedgerDeltaFraction    Σ over underlyings of |net delta × price| of the open packages and
 *                                  the new one, over the sub-ledger equity, must be ≤ this, in (0, 10]
 * @param creditNeedsPositiveTheta  when true a credit package's theta per day must be > 0
 * @param maxDebitThetaBleedFraction a debit package may lose at most this fraction of its premium per
 *                                  day to time decay, in (0, 1]
 */
public record OptionsPolicy(BigDecimal minCreditIvEdge, BigDecimal maxDebitIvEdge, BigDecimal maxPackageDeltaLeverage,
                            BigDecimal maxLedgerDeltaFraction, boolean creditNeedsPositiveTheta,
                            BigDecimal maxDebitThetaBleedFraction) {
    public OptionsPolicy {
        List<String> bad = new ArrayList<>();
        closed(bad, "min_credit_iv_edge", minCreditIvEdge, "-1", "1");
        closed(bad, "max_debit_iv_edge", maxDebitIvEdge, "-1", "1");
        openClosed(bad, "max_package_delta_leverage", maxPackageDeltaLeverage, "1000");
        openClosed(bad, "max_ledger_delta_fraction", maxLedgerDeltaFraction, "10");
        openClosed(bad, "max_debit_theta_bleed_fraction", maxDebitThetaBleedFraction, "1");
        if (!bad.isEmpty()) throw new IllegalArgumentException("options policy: " + String.join("; ", bad));
    }

    private static void closed(List<String> bad, String name, BigDecimal v, String lo, String hi) {
        if (v == null) bad.add(name + " is missing");
        else if (v.compareTo(new BigDecimal(lo)) < 0 || v.compareTo(new BigDecimal(hi)) > 0) {
            bad.add(name + " must be in [" + lo + ", " + hi + "], got " + v.toPlainString());
        }
    }

    private static void openClosed(List<String> bad, String name, BigDecimal v, String hi) {
        if (v == null) bad.add(name + " is missing");
        else if (v.signum() <= 0 || v.compareTo(new BigDecimal(hi)) > 0) {
            bad.add(name + " must be in (0, " + hi + "], got " + v.toPlainString());
        }
    }
}
