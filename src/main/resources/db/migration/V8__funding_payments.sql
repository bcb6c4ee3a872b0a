-- Funding settled on open perp positions: a fee on the position's sub-ledger, never a fill.
-- Paper positions pay the policy's rate at 00:00, 08:00 and 16:00 UTC of event time; live ones what
-- the exchange reports (exec_id then holds Bybit's execId, so a redelivered settlement books once).
-- fee > 0 was paid, fee < 0 received; it is also added to the position's entry_fees, so the trade
-- that closes the position carries it in fees.
CREATE TABLE funding_payments (
    id           BIGSERIAL PRIMARY KEY,
    symbol       TEXT NOT NULL,
    asset_class  TEXT NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    side         TEXT NOT NULL,
    qty          NUMERIC NOT NULL,
    mark_price   NUMERIC NOT NULL,
    rate         NUMERIC NOT NULL,
    fee          NUMERIC NOT NULL,
    paper        BOOLEAN NOT NULL,
    exec_id      TEXT UNIQUE
);
