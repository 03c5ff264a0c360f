-- Issue 10: email notifications. A listener over the event log (notification.NotificationMailer)
-- reads each organization's numbered events after its own cursor and records one decision per
-- (event, user) — to send, or why not — before any mail goes out; the mail is then sent from that
-- record, so a retried run never sends twice and every email that was or was not sent says why.

-- Where the mailer stands in each organization's stream. The epoch is the stream's (event_streams):
-- when the log is restarted under a new epoch, the cursor starts again at 0 of the new one.
CREATE TABLE notification_cursors (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    epoch           uuid NOT NULL,
    last_seq        bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per decision. user_id and conversation_id have no foreign key on purpose: a decision about
-- a user or conversation that is gone (or never was this organization's) is recorded all the same.
CREATE TABLE notification_emails (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL,
    conversation_id uuid NOT NULL,
    -- the settings' notification kind (settings.NotificationKind)
    kind            text NOT NULL CHECK (kind IN ('mention', 'assignedToMe')),
    event_id        uuid NOT NULL,
    event_seq       bigint NOT NULL,
    event_at        timestamptz NOT NULL,
    -- pending: to send (first try or a retry at next_attempt_at); sent; skipped: by rule (reason);
    -- failed: for good (reason)
    status          text NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    reason          text,
    -- the mail as decided (pending and sent only): recipient, subject, the sentence it opens with,
    -- the note or the latest message it quotes
    recipient       text,
    subject         text,
    headline        text,
    excerpt         text,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    -- a run sending this row holds it until then (a run that died lets it lapse)
    lease_until     timestamptz,
    decided_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    -- a re-read event never makes a second decision for the same user
    UNIQUE (event_id, user_id),
    CHECK (status NOT IN ('pending', 'sent') OR recipient IS NOT NULL AND subject IS NOT NULL AND headline IS NOT NULL)
);
-- The window rule: the last email to a user about a conversation.
CREATE INDEX notification_emails_by_thread
    ON notification_emails (organization_id, user_id, conversation_id, event_at DESC);
-- What a run has to send.
CREATE INDEX notification_emails_due ON notification_emails (next_attempt_at) WHERE status = 'pending';
-- Retention of the decision log.
CREATE INDEX notification_emails_by_time ON notification_emails (decided_at);
