package dev.meridian.config;

import dev.meridian.core.AssetClass;

import java.util.Map;

/**
 * policies/asset_kpi_policy.json: the spec's per-asset-class mode lists and KPI thresholds.
 *
 * @param byAssetClass an entry for every asset class
 */
public record AssetKpiPolicy(Map<AssetClass, AssetKpi> byAssetClass) {
    public AssetKpiPolicy {
        byAssetClass = Values.enumMap(AssetClass.class, byAssetClass, "asset_classes");
        Values.requireAllKeys(AssetClass.class, byAssetClass, "asset_classes");
    }

    public AssetKpi of(AssetClass assetClass) { return byAssetClass.get(assetClass); }
}
