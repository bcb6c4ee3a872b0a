-- Where a venue's reading of its account history got to (OANDA: the last transaction id read), so a
-- restart reads on from there and finds what happened while the bot was down (a stop that closed a
-- position, a night's financing) instead of starting from the account's latest transaction.
CREATE TABLE venue_cursors (
    venue       TEXT PRIMARY KEY,
    position    TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
