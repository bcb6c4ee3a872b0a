package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.util.Objects;
import java.util.Optional;

/** The six files of {@code policies/}, parsed. */
public record Policies(SizingPolicy sizing, KpiPolicy kpi, AssetKpiPolicy assetKpi, SessionPolicy session,
                       RiskPolicy risk, RegimePolicy regime, OptionsPolicy options) {
    public Policies {
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(assetKpi, "assetKpi");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(options, "options");
    }

    /**
     * The live-funds gate for {@code mode} in {@code assetClass}: the stricter of the mode's and
     * the asset class's thresholds (the spec requires both), or empty when the class does not
     * trade that mode at all.
     */
    public Optional<KpiThresholds> kpiThresholds(AssetClass assetClass, Mode mode) {
        AssetKpi asset = assetKpi.of(assetClass);
        if (!asset.modes().contains(mode)) return Optional.empty();
        return Optional.of(asset.thresholds().stricter(kpi.thresholds(mode)));
    }
}
