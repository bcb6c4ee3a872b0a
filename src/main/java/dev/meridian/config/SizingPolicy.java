package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * policies/sizing_policy.json: the spec's sizing rules, leverage tiers and asset caps.
 *
 * @param global        the sizer's global rules
 * @param leverageTiers non-empty, {@code equityMaxUsd} strictly increasing
 * @param assetCaps     one cap per asset class; PERP's carries a liquidation buffer
 */
public record SizingPolicy(SizingGlobal global, List<LeverageTier> leverageTiers, Map<AssetClass, AssetCap> assetCaps) {
    public SizingPolicy {
        Objects.requireNonNull(global, "global");
        leverageTiers = List.copyOf(leverageTiers);
        if (leverageTiers.isEmpty()) throw new IllegalArgumentException("leverage_tiers must not be empty");
        for (int i = 1; i < leverageTiers.size(); i++) {
            BigDecimal prev = leverageTiers.get(i - 1).equityMaxUsd();
            BigDecimal cur = leverageTiers.get(i).equityMaxUsd();
            if (cur.compareTo(prev) <= 0) {
                throw new IllegalArgumentException("leverage_tiers[" + i + "].equity_max must be greater than leverage_tiers["
                        + (i - 1) + "].equity_max (" + prev.toPlainString() + "), got " + cur.toPlainString());
            }
        }
        assetCaps = Values.enumMap(AssetClass.class, assetCaps, "asset_caps");
        Values.requireAllKeys(AssetClass.class, assetCaps, "asset_caps");
        if (assetCaps.get(AssetClass.PERP).liqBufferPct().isEmpty()) {
            throw new IllegalArgumentException("asset_caps.PERP.liq_buffer_pct is missing");
        }
    }

    /** The first tier whose {@code equityMaxUsd} is >= {@code equityUsd}; equity above every tier stays in the last. */
    public LeverageTier tierFor(BigDecimal equityUsd) {
        Objects.requireNonNull(equityUsd, "equityUsd");
        for (LeverageTier t : leverageTiers) {
            if (equityUsd.compareTo(t.equityMaxUsd()) <= 0) return t;
        }
        return leverageTiers.get(leverageTiers.size() - 1);
    }

    /** The leverage policy allows: the tier's for this equity and mode, clamped by the asset class cap. */
    public BigDecimal leverageCap(AssetClass assetClass, Mode mode, BigDecimal equityUsd) {
        return tierFor(equityUsd).leverageFor(mode).min(assetCaps.get(assetClass).maxLeverage());
    }
}
