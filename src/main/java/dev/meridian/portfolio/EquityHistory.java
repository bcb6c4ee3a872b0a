package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Total equity over event time, rebuilt from the stored per-sub-ledger equity points (one is
 * written whenever a booking changes a sub-ledger's cash). Each point's total is the sum of every
 * sub-ledger's latest known equity at that time, so a booking in one sub-ledger does not drop the
 * others out of the total. Points at the same event time are merged into one.
 *
 * @param points oldest first
 */
public record EquityHistory(List<Point> points) {
    public EquityHistory {
        points = List.copyOf(points);
    }

    /** Equity at one event time: the total and each sub-ledger's. */
    public record Point(long timeMs, BigDecimal totalEquity, Map<AssetClass, BigDecimal> subLedgers) {
        public Point {
            subLedgers = Collections.unmodifiableMap(new EnumMap<>(subLedgers));
        }
    }

    /**
     * @param before each sub-ledger's equity just before the first of {@code changes} (its last
     *               stored point, else its allocation)
     * @param changes stored points, oldest first
     */
    public static EquityHistory carryForward(Map<AssetClass, BigDecimal> before, List<LedgerStore.EquityPoint> changes) {
        Map<AssetClass, BigDecimal> now = new EnumMap<>(AssetClass.class);
        now.putAll(before);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            LedgerStore.EquityPoint c = changes.get(i);
            now.put(c.assetClass(), c.equity());
            boolean lastAtThisTime = i + 1 == changes.size() || changes.get(i + 1).timeMs() != c.timeMs();
            if (lastAtThisTime) {
                BigDecimal total = now.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                out.add(new Point(c.timeMs(), total, now));
            }
        }
        return new EquityHistory(out);
    }
}
