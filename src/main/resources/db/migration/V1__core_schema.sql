-- Core schema of the walking skeleton. Money is NUMERIC (exact); times are timestamptz (UTC).

-- Where each replay source stopped; committed in the same transaction as the bookings it caused.
CREATE TABLE replay_position (
    source      TEXT PRIMARY KEY,
    seq         BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sub_ledgers (
    asset_class       TEXT PRIMARY KEY,
    allocation        NUMERIC NOT NULL,
    cash              NUMERIC NOT NULL,
    realized_net_pnl  NUMERIC NOT NULL DEFAULT 0,
    fees_paid         NUMERIC NOT NULL DEFAULT 0,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id           TEXT PRIMARY KEY,          -- deterministic client order id: a re-sent order collides
    symbol       TEXT NOT NULL,
    asset_class  TEXT NOT NULL,
    side         TEXT NOT NULL,
    qty          NUMERIC NOT NULL,
    ref_price    NUMERIC NOT NULL,
    status       TEXT NOT NULL,             -- FILLED | REJECTED
    reason       TEXT,
    paper        BOOLEAN NOT NULL,
    mode         TEXT,
    source_seq   BIGINT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE fills (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders(id),
    symbol       TEXT NOT NULL,
    asset_class  TEXT NOT NULL,
    side         TEXT NOT NULL,
    qty          NUMERIC NOT NULL,
    price        NUMERIC NOT NULL,
    ref_price    NUMERIC NOT NULL,
    fee          NUMERIC NOT NULL,
    slippage     NUMERIC NOT NULL,
    paper        BOOLEAN NOT NULL,
    filled_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE positions (
    symbol          TEXT NOT NULL,
    asset_class     TEXT NOT NULL,
    side            TEXT NOT NULL,
    qty             NUMERIC NOT NULL,
    entry_ref_price NUMERIC NOT NULL,
    entry_price     NUMERIC NOT NULL,
    entry_time      TIMESTAMPTZ NOT NULL,
    entry_fees      NUMERIC NOT NULL,
    entry_slippage  NUMERIC NOT NULL,
    stop_price      NUMERIC NOT NULL,
    leverage        NUMERIC NOT NULL,
    equity_before   NUMERIC NOT NULL,
    size_usd        NUMERIC NOT NULL,
    risk_usd        NUMERIC NOT NULL,
    mode            TEXT NOT NULL,
    regime          TEXT NOT NULL,
    session         TEXT NOT NULL,
    signal_score    DOUBLE PRECISION NOT NULL,
    good_setup      BOOLEAN NOT NULL,
    last_price      NUMERIC NOT NULL,
    PRIMARY KEY (symbol, asset_class)
);

CREATE TABLE trades (
    id              BIGSERIAL PRIMARY KEY,
    exit_fill_id    TEXT NOT NULL UNIQUE REFERENCES fills(id),
    entry_time      TIMESTAMPTZ NOT NULL,
    exit_time       TIMESTAMPTZ NOT NULL,
    symbol          TEXT NOT NULL,
    asset_class     TEXT NOT NULL,
    mode            TEXT NOT NULL,
    regime          TEXT NOT NULL,
    session         TEXT NOT NULL,
    side            TEXT NOT NULL,
    qty             NUMERIC NOT NULL,
    entry_price     NUMERIC NOT NULL,
    exit_price      NUMERIC NOT NULL,
    stop_price      NUMERIC NOT NULL,
    leverage        NUMERIC NOT NULL,
    equity_before   NUMERIC NOT NULL,
    size_usd        NUMERIC NOT NULL,
    risk_usd        NUMERIC NOT NULL,
    signal_score    DOUBLE PRECISION NOT NULL,
    good_setup      BOOLEAN NOT NULL,
    gross_pnl       NUMERIC NOT NULL,
    fees            NUMERIC NOT NULL,
    slippage        NUMERIC NOT NULL,
    net_pnl         NUMERIC NOT NULL,
    net_return_pct  NUMERIC NOT NULL,
    reward_points   NUMERIC,
    paper           BOOLEAN NOT NULL,
    CHECK (net_pnl = gross_pnl - fees - slippage)
);
CREATE INDEX trades_exit_time ON trades (exit_time DESC);

CREATE TABLE ledger_entries (
    id           BIGSERIAL PRIMARY KEY,
    asset_class  TEXT NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    kind         TEXT NOT NULL,             -- REALIZED_NET_PNL | ALLOCATION
    amount       NUMERIC NOT NULL,
    ref          TEXT
);

CREATE TABLE equity_snapshots (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    asset_class  TEXT NOT NULL,
    equity       NUMERIC NOT NULL
);

CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    who      TEXT NOT NULL,
    what     TEXT NOT NULL,
    before   JSONB,
    after    JSONB
);

CREATE TABLE funds_state (
    id     INT PRIMARY KEY CHECK (id = 1),
    state  JSONB NOT NULL
);

CREATE TABLE rewards (
    id              BIGSERIAL PRIMARY KEY,
    trade_id        BIGINT NOT NULL UNIQUE REFERENCES trades(id),
    asset_class     TEXT NOT NULL,
    regime          TEXT NOT NULL,
    session         TEXT NOT NULL,
    mode            TEXT NOT NULL,
    net_return_pct  NUMERIC NOT NULL,
    points          NUMERIC NOT NULL,
    at              TIMESTAMPTZ NOT NULL
);
