package dev.meridian.config;

import dev.meridian.core.Mode;

import java.util.Objects;
import java.util.Set;

/**
 * One asset class of policies/asset_kpi_policy.json.
 *
 * @param modes      the modes the class may trade at all (paper or live), non-empty
 * @param thresholds what its track record must show for live funds
 */
public record AssetKpi(Set<Mode> modes, KpiThresholds thresholds) {
    public AssetKpi {
        modes = Values.enumSet(Mode.class, modes, "modes");
        if (modes.isEmpty()) throw new IllegalArgumentException("modes must not be empty");
        Objects.requireNonNull(thresholds, "thresholds");
    }
}
