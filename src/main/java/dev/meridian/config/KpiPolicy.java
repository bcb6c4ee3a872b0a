package dev.meridian.config;

import dev.meridian.core.Mode;

import java.util.Map;

/**
 * policies/kpi_policy.json: live-funds thresholds per strategy mode. They combine with the asset
 * class thresholds through {@link Policies#kpiThresholds}.
 *
 * @param byMode thresholds for every mode
 */
public record KpiPolicy(Map<Mode, KpiThresholds> byMode) {
    public KpiPolicy {
        byMode = Values.enumMap(Mode.class, byMode, "modes");
        Values.requireAllKeys(Mode.class, byMode, "modes");
    }

    public KpiThresholds thresholds(Mode mode) { return byMode.get(mode); }
}
