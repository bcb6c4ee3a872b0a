package dev.meridian.learning;

import java.util.List;

/** The answer to {@code cmd.kpi.list}: every traded (asset class, mode) judged as of an event time. */
public record KpiList(long asOfMs, int windowDays, List<KpiGates.Row> rows) {
    public KpiList {
        rows = List.copyOf(rows);
    }
}
