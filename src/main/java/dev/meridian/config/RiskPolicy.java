package dev.meridian.config;

import java.math.BigDecimal;

/**
 * policies/risk_policy.json: the rails the risk manager enforces before every order.
 *
 * @param maxDrawdownPct        a sub-ledger whose equity falls this fraction below its peak halts
 *                              new entries, in (0, 1)
 * @param dailyLossPct          a sub-ledger that loses this fraction of its equity at the start of
 *                              the UTC day halts new entries until the next day, in (0, 1) and <= maxDrawdownPct
 * @param maxOpenPositions      open positions across all sub-ledgers, in 1..1000
 * @param maxPositionsPerSymbol open positions in one symbol, in 1..maxOpenPositions
 * @param maintenanceMarginPct  maintenance margin rate used to estimate liquidation prices of
 *                              levered positions, in [0, 0.5)
 * @param staleDataSec          market data older than this blocks new entries on the symbol and
 *                              makes {@code /health} DEGRADED, in 1..86400
 * @param paperFundingRate8h    the funding rate paper (and backtest) perp positions pay at every
 *                              00:00, 08:00 and 16:00 UTC of event time, longs paying a positive
 *                              rate and shorts receiving it, in [-0.01, 0.01]; optional, default
 *                              0.0001 (Bybit's 0.01 % base rate). Live positions pay what the
 *                              exchange reports.
 */
public record RiskPolicy(BigDecimal maxDrawdownPct, BigDecimal dailyLossPct, int maxOpenPositions,
                         int maxPositionsPerSymbol, BigDecimal maintenanceMarginPct, int staleDataSec,
                         BigDecimal paperFundingRate8h) {
    public static final BigDecimal DEFAULT_FUNDING_RATE_8H = new BigDecimal("0.0001");
    static final Range FUNDING_RATE = Range.closed("-0.01", "0.01");
    static final Range LOSS_PCT = Range.open("0", "1");
    static final Range POSITIONS = Range.ints(1, 1000);
    static final Range MAINTENANCE_MARGIN = Range.closedOpen("0", "0.5");
    static final Range STALE_SEC = Range.ints(1, 86_400);

    public RiskPolicy {
        LOSS_PCT.check("max_drawdown_pct", maxDrawdownPct);
        LOSS_PCT.check("daily_loss_pct", dailyLossPct);
        POSITIONS.check("max_open_positions", maxOpenPositions);
        POSITIONS.check("max_positions_per_symbol", maxPositionsPerSymbol);
        MAINTENANCE_MARGIN.check("maintenance_margin_pct", maintenanceMarginPct);
        STALE_SEC.check("stale_data_sec", staleDataSec);
        FUNDING_RATE.check("paper_funding_rate_8h", paperFundingRate8h);
        // A daily limit above the drawdown limit could never trigger before the drawdown rail.
        if (dailyLossPct.compareTo(maxDrawdownPct) > 0) {
            throw new IllegalArgumentException("daily_loss_pct must be <= max_drawdown_pct ("
                    + maxDrawdownPct.toPlainString() + "), got " + dailyLossPct.toPlainString());
        }
        if (maxPositionsPerSymbol > maxOpenPositions) {
            throw new IllegalArgumentException("max_positions_per_symbol must be <= max_open_positions ("
                    + maxOpenPositions + "), got " + maxPositionsPerSymbol);
        }
    }
}
