-- Issue 9: the realtime event log. Each organization's events get seq = 1, 2, 3, ... with no gap
-- and in the order they became visible (committed), plus a stream id (epoch) that changes only
-- when the log is truncated; clients catch up with GET /api/inbox/events?since=<seq>.
--
-- Writers only INSERT their events (seq NULL) in their own transaction and never wait for each
-- other. A sequencer numbers what has committed afterwards, one short transaction holding the
-- organization's event_streams row: a counter row locked by every writer until its commit would
-- serialize the whole tenant, and a plain sequence is neither gap-free (rollbacks) nor
-- commit-ordered (a later nextval can commit first). See event.EventStream.
ALTER TABLE domain_events ADD COLUMN seq bigint;
-- Who may receive an event: NULL is every agent of the organization; otherwise these users only.
ALTER TABLE domain_events ADD COLUMN audience uuid[];

-- Replay by seq, and one seq per organization.
CREATE UNIQUE INDEX domain_events_by_seq ON domain_events (organization_id, seq) WHERE seq IS NOT NULL;
-- What the sequencer has still to number (small: numbered within milliseconds of the commit).
CREATE INDEX domain_events_unsequenced ON domain_events (organization_id, created_at, id) WHERE seq IS NULL;
-- Retention: the oldest events of the whole log.
CREATE INDEX domain_events_by_time ON domain_events (created_at);

CREATE TABLE event_streams (
    organization_id  uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    epoch            uuid NOT NULL,
    -- the highest seq handed out; the next event gets last_seq + 1
    last_seq         bigint NOT NULL DEFAULT 0,
    -- every event up to here was pushed to the connections open at the time
    pushed_seq       bigint NOT NULL DEFAULT 0,
    -- events up to here were deleted by retention: since below it answers 410
    trimmed_seq      bigint NOT NULL DEFAULT 0,
    -- the fan-out pass that pushes this stream now, until then (a dead pass's lease lapses)
    push_lease_until timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (pushed_seq <= last_seq AND trimmed_seq <= pushed_seq)
);
-- The sweeper's question: which streams have numbered events not yet pushed.
CREATE INDEX event_streams_behind ON event_streams (organization_id) WHERE pushed_seq < last_seq;
