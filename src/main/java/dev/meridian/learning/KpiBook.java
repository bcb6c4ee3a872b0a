package dev.meridian.learning;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence behind the KPI gates: every closed trade's {@link KpiSample}, kept per (asset class,
 * mode), and the {@link KpiReport} of the rolling window ending at a given event time. Samples
 * older than the window at the newest exit seen are dropped, so memory stays bounded by the
 * window. Reports use event time, never the wall clock, so a replay reports the same figures
 * every time. Not thread-safe: owned by one verticle.
 */
public final class KpiBook {
    private final int windowDays;
    private final Map<AssetClass, Map<Mode, Pair>> samples = new EnumMap<>(AssetClass.class);

    /**
     * One pair's samples and its last report. For a given list the window's set of samples is
     * {exit > cutoff}, monotone in the cutoff, so two cutoffs that admit the same number of samples
     * admit the same samples: the report is reused while neither the list nor that number changed.
     * (Recomputing it on every entry decision was three quarters of a backtest's time.)
     */
    private static final class Pair {
        final List<KpiSample> list = new ArrayList<>();
        long version;
        long reportVersion = -1;
        int reportCount = -1;
        KpiReport report;
    }
    private long newestExitMs = Long.MIN_VALUE;

    public KpiBook(int windowDays) {
        if (windowDays < 1) throw new IllegalArgumentException("windowDays must be >= 1, got " + windowDays);
        this.windowDays = windowDays;
    }

    public int windowDays() { return windowDays; }

    public void add(AssetClass assetClass, Mode mode, KpiSample sample) {
        java.util.Objects.requireNonNull(sample, "sample");
        Pair pair = samples.computeIfAbsent(assetClass, a -> new EnumMap<>(Mode.class)).computeIfAbsent(mode, m -> new Pair());
        pair.list.add(sample);
        pair.version++;
        if (sample.exitTimeMs() > newestExitMs) {
            newestExitMs = sample.exitTimeMs();
            long horizon = newestExitMs - windowDays * 86_400_000L;
            samples.values().forEach(byMode -> byMode.values().forEach(p -> {
                if (p.list.removeIf(s -> s.exitTimeMs() <= horizon)) p.version++;
            }));
        }
    }

    /** The newest exit time of any sample, or empty before the first. */
    public java.util.OptionalLong newestExitMs() {
        return newestExitMs == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(newestExitMs);
    }

    /** KPIs of the trades that exited within the window ending at {@code nowMs}. */
    public KpiReport report(AssetClass assetClass, Mode mode, long nowMs) {
        Pair pair = samples.getOrDefault(assetClass, Map.of()).get(mode);
        if (pair == null) return KpiCalculator.compute(List.of(), KpiCalculator.periodsPerYear(assetClass));
        long cutoff = nowMs - windowDays * 86_400_000L;
        int inWindow = 0;
        for (KpiSample s : pair.list) {
            if (s.exitTimeMs() > cutoff) inWindow++;
        }
        if (pair.reportVersion != pair.version || pair.reportCount != inWindow) {
            pair.report = KpiCalculator.compute(KpiCalculator.window(pair.list, nowMs, windowDays),
                    KpiCalculator.periodsPerYear(assetClass));
            pair.reportVersion = pair.version;
            pair.reportCount = inWindow;
        }
        return pair.report;
    }
}
