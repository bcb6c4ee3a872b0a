package dev.meridian.backtest;

import dev.meridian.portfolio.ClosedTrade;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What one backtest pass produced: its closed trades (exit order), the equity path of the traded
 * sub-ledger (one point per booking, event time), the starting equity and the data span.
 *
 * @param label       e.g. "learner", "SWING", "random", "buy-and-hold", or "main" for a plain run
 * @param trades      closed trades, oldest exit first
 * @param equity      equity after each booking, oldest first; the first point is the start
 * @param startEquity equity before the first trade
 * @param fromMs      event time of the first event read
 * @param toMs        event time of the last event read
 */
public record BacktestRun(String label, List<ClosedTrade> trades, List<EquityPoint> equity, BigDecimal startEquity,
                          long fromMs, long toMs) {
    public record EquityPoint(long timeMs, BigDecimal equity) {
    }

    public BacktestRun {
        Objects.requireNonNull(label, "label");
        trades = List.copyOf(trades);
        equity = List.copyOf(equity);
        Objects.requireNonNull(startEquity, "startEquity");
    }
}
