package dev.meridian.notify;

import dev.meridian.core.AssetClass;
import dev.meridian.portfolio.ClosedTrade;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Net P&amp;L and trade count per sub-ledger of the trades closed since the last daily summary (paper
 * and live together, as the sub-ledgers book them). Not thread-safe: used on one event loop.
 */
final class DailyPnl {
    /** One sub-ledger's day so far. */
    record Day(BigDecimal netPnl, int trades) {
    }

    private final Map<AssetClass, Day> days = new EnumMap<>(AssetClass.class);

    void add(ClosedTrade t) {
        days.merge(t.assetClass(), new Day(t.netPnl(), 1),
                (a, b) -> new Day(a.netPnl().add(b.netPnl()), a.trades() + b.trades()));
    }

    /** A copy, in enum order; classes without a closed trade are absent. */
    Map<AssetClass, Day> view() {
        return Collections.unmodifiableMap(new EnumMap<>(days));
    }

    void reset() { days.clear(); }
}
