-- Issue 10: the retention function (retention.RetentionSweeper) deletes each organization's messages
-- and media older than its retentionPolicy, oldest first, a batch at a time. Age is when we stored
-- the row (created_at), so each walk is one range of one of these indexes, resumed after its last row.
CREATE INDEX messages_by_age ON messages (organization_id, created_at, id);
CREATE INDEX attachments_by_age ON attachments (organization_id, created_at, id);
-- A deleted message's template use is kept (the template's usage count) without its message id.
CREATE INDEX template_usage_by_message ON template_usage (message_id) WHERE message_id IS NOT NULL;
