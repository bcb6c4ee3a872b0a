-- The learned mode selector's state, one row per learner, rewritten as it learns and decides.
-- last_trade_id is the newest trade it has learned: at start every trade after it is learned again
-- before the bot trades, so a crash between booking a trade and saving this row loses no reward.
CREATE TABLE learner_state (
    name           TEXT PRIMARY KEY,
    state          JSONB NOT NULL,
    last_trade_id  BIGINT NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
