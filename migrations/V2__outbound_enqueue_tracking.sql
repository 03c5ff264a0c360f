-- A send is stored `queued` first and handed to the outbound SQS queue after commit. enqueued_at
-- records that hand-off, so the sweeper re-queues exactly the sends whose enqueue failed.
ALTER TABLE messages ADD COLUMN enqueued_at timestamptz;

DROP INDEX messages_queued;
CREATE INDEX messages_awaiting_enqueue ON messages (queued_at)
    WHERE status = 'queued' AND enqueued_at IS NULL;

-- History pages of one conversation read attachments and reactions by message.
CREATE INDEX message_reactions_by_message ON message_reactions (message_id);
