-- The protective stop a live order asked the venue to attach (OANDA stopLossOnFill). NULL = none,
-- which is what every order stored before this column means, so old rows read back unchanged.
ALTER TABLE live_orders ADD COLUMN stop_loss NUMERIC;
