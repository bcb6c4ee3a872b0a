-- Bar history of live market data: our bars from trades, replaced by the exchange's confirmed
-- klines where they differ, and REST backfills. One row per bar; the exchange's version wins.
CREATE TABLE bars (
    asset_class    TEXT NOT NULL,
    symbol         TEXT NOT NULL,
    timeframe_sec  INT NOT NULL,
    open_time      TIMESTAMPTZ NOT NULL,
    open           NUMERIC NOT NULL,
    high           NUMERIC NOT NULL,
    low            NUMERIC NOT NULL,
    close          NUMERIC NOT NULL,
    volume         NUMERIC NOT NULL,
    origin         TEXT NOT NULL,           -- TRADES | EXCHANGE
    PRIMARY KEY (asset_class, symbol, timeframe_sec, open_time),
    CHECK (high >= low)
);
