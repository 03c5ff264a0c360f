-- Message search ranks only an organization's newest matches (see MessageSearch): this index lets
-- it walk the organization's messages newest first and stop once it has enough of them.
CREATE INDEX messages_recent ON messages (organization_id, platform_timestamp DESC, id DESC) WHERE deleted_at IS NULL;
