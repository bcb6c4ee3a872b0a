-- The risk rails' state per sub-ledger (peak equity, start-of-day equity, halts), so a restart
-- keeps a drawdown or daily-loss halt in force. One JSON document, rewritten when it changes.
CREATE TABLE risk_rails_state (
    id     INT PRIMARY KEY CHECK (id = 1),
    state  JSONB NOT NULL
);
