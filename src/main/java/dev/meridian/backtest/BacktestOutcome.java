package dev.meridian.backtest;

import dev.meridian.learning.KpiReport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Everything a backtest writes: the source, the parameters it ran with (for the report header),
 * the main run over the whole span and, with {@code --walk-forward K}, one row per (test fold,
 * contender) measured out of sample.
 */
public record BacktestOutcome(String source, Map<String, String> params, BacktestRun main, List<WalkForwardRow> walkForward) {
    /**
     * One contender on one test fold, net of fees: the learner, each fixed mode, random mode
     * choice, buy-and-hold.
     */
    public record WalkForwardRow(int fold, long fromMs, long toMs, String contender, KpiReport kpis, BigDecimal netPnl,
                                 int trades) {
    }

    public BacktestOutcome {
        params = Map.copyOf(params);
        walkForward = List.copyOf(walkForward);
    }
}
