-- The creation time of the stream a consumer's tracked position belongs to. A stream created
-- again (the NATS store lost, a cluster rebuilt) has a new one: the position is then stale and
-- the events published before the loss are gone for this consumer until it is recovered.
ALTER TABLE consumer_tracking ADD COLUMN stream_created timestamptz;
