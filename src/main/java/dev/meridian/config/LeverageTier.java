package dev.meridian.config;

import dev.meridian.core.Mode;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One row of {@code leverage_tiers} in sizing_policy.json: the leverage each mode may use while
 * sub-ledger equity is at most {@code equityMaxUsd}. The asset class cap and the risk manager
 * still clamp it.
 *
 * @param equityMaxUsd inclusive upper bound of the tier (USD, > 0)
 * @param leverage     leverage per mode, each in [1, 100]; every mode except OPTIONS must be
 *                     named (the spec's tiers lever no options; options risk is capped by
 *                     {@code asset_caps.OPTIONS})
 */
public record LeverageTier(BigDecimal equityMaxUsd, Map<Mode, BigDecimal> leverage) {
    static final Range EQUITY_MAX = Range.above("0");
    static final Range LEVERAGE = Range.closed("1", "100");

    public LeverageTier {
        EQUITY_MAX.check("equity_max", equityMaxUsd);
        leverage = Values.enumMap(Mode.class, leverage, "leverage");
        for (Mode m : Mode.values()) {
            if (m != Mode.OPTIONS && !leverage.containsKey(m)) throw new IllegalArgumentException(m + " is missing");
        }
        leverage.forEach((m, v) -> LEVERAGE.check(m.name(), v));
    }

    /** The tier's leverage for {@code mode}; 1 (unlevered) for a mode the tier does not name. */
    public BigDecimal leverageFor(Mode mode) { return leverage.getOrDefault(mode, BigDecimal.ONE); }
}
