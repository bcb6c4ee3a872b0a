-- Live orders between the router's decision and their booking. The row is written BEFORE the
-- request leaves, so after a crash the router knows every order that may exist at the venue and
-- looks it up by its order_link_id (the idempotency key) instead of sending it again.
CREATE TABLE live_orders (
    order_link_id  TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL UNIQUE,           -- the risk engine's deterministic order id
    venue          TEXT NOT NULL,
    category       TEXT NOT NULL,
    symbol         TEXT NOT NULL,
    side           TEXT NOT NULL,
    order_type     TEXT NOT NULL,
    qty            NUMERIC NOT NULL,
    limit_price    NUMERIC,
    post_only      BOOLEAN NOT NULL,
    reduce_only    BOOLEAN NOT NULL,
    ref_price      NUMERIC NOT NULL,
    request_time   TIMESTAMPTZ NOT NULL,
    decision       JSONB NOT NULL,                 -- the approved order (context for booking)
    status         TEXT NOT NULL,                  -- PENDING (stored, maybe sent) | NEW | PARTIALLY_FILLED | FILLED | CANCELLED | REJECTED
    venue_cum_qty  NUMERIC NOT NULL DEFAULT 0,
    reason         TEXT,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Each execution once (exec_id is the venue's unique id): a duplicate push changes nothing.
CREATE TABLE live_executions (
    exec_id        TEXT PRIMARY KEY,
    order_link_id  TEXT NOT NULL REFERENCES live_orders(order_link_id),
    gross_qty      NUMERIC NOT NULL,
    price          NUMERIC NOT NULL,
    fee_in_base    NUMERIC NOT NULL,
    fee_in_quote   NUMERIC NOT NULL,
    exec_time      TIMESTAMPTZ NOT NULL
);

-- Where a position is held: false = at a live venue, so its exit must go there too.
ALTER TABLE positions ADD COLUMN paper BOOLEAN NOT NULL DEFAULT true;
