-- Issue 4: inbound normalization, outbound delivery and the realtime outbox.

-- Domain events for realtime (conversation:new, message:received, message:sent, message:status),
-- written in the same transaction as the change they describe, so none is lost or announced
-- for a change that rolled back. The realtime fan-out reads them in id (time) order.
CREATE TABLE domain_events (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id uuid,
    name            text NOT NULL,
    payload         jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_by_org ON domain_events (organization_id, id);

-- The outbound sender's lease on a send: a second consumer of the same message (SQS redelivery
-- after a visibility timeout) waits until the lease has passed instead of calling the platform twice.
ALTER TABLE messages ADD COLUMN send_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN send_lease_until timestamptz;

-- The sender delivers a conversation's older queued sends first; the sweeper re-queues sends whose
-- queue record was lost (enqueue failed, or the record went to the DLQ untried).
CREATE INDEX messages_queued_by_conversation ON messages (conversation_id, queued_at, id) WHERE status = 'queued';
CREATE INDEX messages_queued_by_enqueue ON messages (enqueued_at) WHERE status = 'queued';
