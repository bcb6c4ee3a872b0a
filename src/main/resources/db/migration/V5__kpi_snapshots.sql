-- The KPI gate's latest verdict per (asset class, mode), rewritten after every closed trade of the
-- pair. The figures can be recomputed from the trades table; the row records what the gate decided
-- and when (event time), with the reasons, for audits of why a pair could or could not go live.
-- Ratios are DOUBLE PRECISION because they can be +/-Infinity or NaN (see docs/risk.md).
CREATE TABLE kpi_snapshots (
    asset_class    TEXT NOT NULL,
    mode           TEXT NOT NULL,
    as_of          TIMESTAMPTZ NOT NULL,
    trades         INT NOT NULL,
    sharpe         DOUBLE PRECISION NOT NULL,
    sortino        DOUBLE PRECISION NOT NULL,
    calmar         DOUBLE PRECISION NOT NULL,
    max_drawdown   DOUBLE PRECISION NOT NULL,
    expectancy     DOUBLE PRECISION NOT NULL,
    win_rate       DOUBLE PRECISION NOT NULL,
    profit_factor  DOUBLE PRECISION NOT NULL,
    eligible_live  BOOLEAN NOT NULL,
    evidence       JSONB NOT NULL,
    reasons        JSONB NOT NULL,
    PRIMARY KEY (asset_class, mode)
);
