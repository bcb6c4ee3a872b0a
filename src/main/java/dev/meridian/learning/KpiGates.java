package dev.meridian.learning;

import dev.meridian.config.KpiThresholds;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.learning.KpiBook;
import dev.meridian.learning.KpiReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Which (asset class, mode) may use LIVE funds: its rolling-window KPIs ({@link KpiBook}) judged by
 * {@link KpiGate} against the stricter of the asset class's and the mode's thresholds. A pair the
 * asset class does not trade has no thresholds and is never eligible. Evaluated at an event time,
 * so the same evidence and time always give the same answer. Paper trading never asks.
 */
public final class KpiGates {
    /** One (asset class, mode) as {@code GET /api/kpis} shows it. */
    public record Row(AssetClass assetClass, Mode mode, KpiReport report, KpiThresholds thresholds, KpiGate.Verdict verdict) {
    }

    private final KpiBook book;
    private final BiFunction<AssetClass, Mode, Optional<KpiThresholds>> thresholds;

    public KpiGates(KpiBook book, BiFunction<AssetClass, Mode, Optional<KpiThresholds>> thresholds) {
        this.book = book;
        this.thresholds = thresholds;
    }

    public KpiBook book() { return book; }

    /** True when the pair's record at {@code nowMs} passes every threshold (and has enough trades). */
    public boolean eligibleLive(AssetClass assetClass, Mode mode, long nowMs) {
        return row(assetClass, mode, nowMs).map(r -> r.verdict().eligibleLive()).orElse(false);
    }

    public Optional<Row> row(AssetClass assetClass, Mode mode, long nowMs) {
        return thresholds.apply(assetClass, mode).map(t -> {
            KpiReport report = book.report(assetClass, mode, nowMs);
            return new Row(assetClass, mode, report, t, KpiGate.judge(report, t));
        });
    }

    /** Every pair some asset class trades, in enum order. */
    public List<Row> rows(long nowMs) {
        List<Row> out = new ArrayList<>();
        for (AssetClass a : AssetClass.values()) {
            for (Mode m : Mode.values()) row(a, m, nowMs).ifPresent(out::add);
        }
        return out;
    }
}
