-- The sizing limit that set an entry's size (FIXED, RISK, PAIR_CAP, MAX_PAIR_PCT, LEVERAGE, SESSION,
-- QTY_STEP), so a trade explains its size. Rows booked before this column existed have ''.
ALTER TABLE positions ADD COLUMN bound_by TEXT NOT NULL DEFAULT '';
ALTER TABLE trades ADD COLUMN bound_by TEXT NOT NULL DEFAULT '';
