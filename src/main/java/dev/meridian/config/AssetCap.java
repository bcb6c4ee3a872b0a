package dev.meridian.config;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Hard limits of one asset class ({@code asset_caps.X} in sizing_policy.json). This is the one
 * home of the asset leverage caps and of the perp liquidation buffer of the spec's KPI table.
 *
 * @param maxLeverage  most leverage any position of the class may carry, in [1, 100]
 * @param liqBufferPct least distance between the stop and the liquidation price, as a fraction
 *                     of the entry price, in (0, 1); required for PERP
 */
public record AssetCap(BigDecimal maxLeverage, Optional<BigDecimal> liqBufferPct) {
    static final Range LIQ_BUFFER = Range.open("0", "1");

    public AssetCap {
        LeverageTier.LEVERAGE.check("max_leverage", maxLeverage);
        Objects.requireNonNull(liqBufferPct, "liqBufferPct");
        liqBufferPct.ifPresent(v -> LIQ_BUFFER.check("liq_buffer_pct", v));
    }
}
