package dev.meridian.config;

import dev.meridian.core.Mode;

import java.util.Map;

/**
 * policies/kpi_policy.json: live-funds thresholds per strategy mode, and the rolling window of
 * evidence they are judged on. The thresholds combine with the asset class thresholds through
 * {@link Policies#kpiThresholds}.
 *
 * <p>Invariants: {@code byMode} holds every {@link Mode}; {@code windowDays} is in 1..3650.
 *
 * @param byMode     thresholds for every mode
 * @param windowDays only trades that closed within this many days before now count as evidence,
 *                   so an edge that has faded stops qualifying for live funds
 */
public record KpiPolicy(Map<Mode, KpiThresholds> byMode, int windowDays) {
    static final Range WINDOW_DAYS = Range.ints(1, 3650);

    public KpiPolicy {
        byMode = Values.enumMap(Mode.class, byMode, "modes");
        Values.requireAllKeys(Mode.class, byMode, "modes");
        WINDOW_DAYS.check("window_days", windowDays);
    }

    public KpiThresholds thresholds(Mode mode) { return byMode.get(mode); }
}
