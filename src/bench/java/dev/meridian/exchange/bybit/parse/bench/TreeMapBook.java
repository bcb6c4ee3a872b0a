package dev.meridian.exchange.bybit.parse.bench;

import dev.meridian.exchange.bybit.parse.BookLevel;
import dev.meridian.exchange.bybit.parse.BybitFrame.BookUpdate;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.TreeMap;

/**
 * The simple alternative to {@link dev.meridian.exchange.bybit.parse.OrderBook}'s sorted arrays:
 * one {@code TreeMap} per side with the same level rules (no staleness checks, no trimming), kept
 * here only to measure the choice.
 */
final class TreeMapBook {
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    void apply(BookUpdate update) {
        if (update.snapshot() || update.updateId() == 1) {
            bids.clear();
            asks.clear();
        }
        for (BookLevel level : update.bids()) set(bids, level);
        for (BookLevel level : update.asks()) set(asks, level);
    }

    private static void set(TreeMap<BigDecimal, BigDecimal> side, BookLevel level) {
        if (level.size().signum() == 0) side.remove(level.price());
        else side.put(level.price(), level.size());
    }

    BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.firstKey();
    }

    BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.firstKey();
    }
}
