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
    private final Map<AssetClass, Map<Mode, List<KpiSample>>> samples = new EnumMap<>(AssetClass.class);
    private long newestExitMs = Long.MIN_VALUE;

    public KpiBook(int windowDays) {
        if (windowDays < 1) throw new IllegalArgumentException("windowDays must be >= 1, got " + windowDays);
        this.windowDays = windowDays;
    }

    public int windowDays() { return windowDays; }

    public void add(AssetClass assetClass, Mode mode, KpiSample sample) {
        List<KpiSample> list = samples.computeIfAbsent(assetClass, a -> new EnumMap<>(Mode.class))
                .computeIfAbsent(mode, m -> new ArrayList<>());
        list.add(sample);
        if (sample.exitTimeMs() > newestExitMs) {
            newestExitMs = sample.exitTimeMs();
            long horizon = newestExitMs - windowDays * 86_400_000L;
            samples.values().forEach(byMode -> byMode.values().forEach(l -> l.removeIf(s -> s.exitTimeMs() <= horizon)));
        }
    }

    /** The newest exit time of any sample, or empty before the first. */
    public java.util.OptionalLong newestExitMs() {
        return newestExitMs == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(newestExitMs);
    }

    /** KPIs of the trades that exited within the window ending at {@code nowMs}. */
    public KpiReport report(AssetClass assetClass, Mode mode, long nowMs) {
        List<KpiSample> list = samples.getOrDefault(assetClass, Map.of()).getOrDefault(mode, List.of());
        return KpiCalculator.compute(KpiCalculator.window(list, nowMs, windowDays), KpiCalculator.periodsPerYear(assetClass));
    }
}
