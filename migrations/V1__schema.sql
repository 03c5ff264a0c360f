-- UnifiedBeez Inbox: the whole durable schema.
-- Every table carries organization_id and every query is scoped by it; ids are UUID v7 made by
-- the application (time-ordered, so B-tree inserts append). Times are timestamptz (UTC).
-- Enumerations are text with CHECK constraints: readable in psql, cheap to extend in a migration.

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                uuid PRIMARY KEY,
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email             text NOT NULL,
    name              text NOT NULL,
    role              text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'admin')),
    -- Durable availability; live presence (connections, last seen) lives in DynamoDB with a TTL.
    status            text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'busy', 'offline')),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    deactivated_at    timestamptz,
    UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX users_email_per_org ON users (organization_id, lower(email));

CREATE TABLE teams (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description     text,
    -- round_robin | load_balanced | skill_based | manual
    assignment_strategy text NOT NULL DEFAULT 'manual'
        CHECK (assignment_strategy IN ('manual', 'round_robin', 'load_balanced', 'skill_based')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX teams_name_per_org ON teams (organization_id, lower(name));

CREATE TABLE team_members (
    organization_id  uuid NOT NULL,
    team_id          uuid NOT NULL,
    user_id          uuid NOT NULL,
    skills           text[] NOT NULL DEFAULT '{}',
    max_concurrent_conversations integer NOT NULL DEFAULT 10 CHECK (max_concurrent_conversations BETWEEN 0 AND 1000),
    -- Where round-robin stopped: the member assigned longest ago goes next.
    last_assigned_at timestamptz,
    joined_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (organization_id, team_id) REFERENCES teams (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX team_members_by_user ON team_members (user_id);

CREATE TABLE contacts (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text,
    email           text,
    phone           text,
    avatar_url      text,
    metadata        jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    search          tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
    ) STORED,
    UNIQUE (organization_id, id)
);
CREATE INDEX contacts_search ON contacts USING gin (search);
CREATE INDEX contacts_by_org ON contacts (organization_id, created_at DESC);

-- channel_connections comes before the identities and messages that point at it.
CREATE TABLE channel_connections (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel               text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'instagram', 'messenger', 'telegram', 'sms')),
    name                  text NOT NULL,
    -- The platform's id of our side: phone-number id, page id, Instagram account id, bot id,
    -- Twilio number, mailbox address. Webhooks find their connection by it.
    external_id           text NOT NULL,
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'error', 'disconnected')),
    -- AES-GCM ciphertext of the secrets (tokens, passwords); never returned by the API.
    credentials_encrypted bytea,
    credentials_key_id    text,
    -- Non-secret settings: wabaId, smtpHost, imapHost, pageName, ...
    config                jsonb NOT NULL DEFAULT '{}',
    last_health_at        timestamptz,
    last_health_status    text,
    last_health_detail    text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    disconnected_at       timestamptz,
    UNIQUE (organization_id, id)
);
-- One live connection per platform account, across organizations: a webhook must resolve to one.
CREATE UNIQUE INDEX channel_connections_live_external
    ON channel_connections (channel, external_id) WHERE status <> 'disconnected';
CREATE INDEX channel_connections_by_org ON channel_connections (organization_id, channel);

CREATE TABLE contact_identities (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL,
    contact_id            uuid NOT NULL,
    channel               text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'instagram', 'messenger', 'telegram', 'sms')),
    -- wa_id / E.164 phone, PSID, IGSID, Telegram chat id, email address.
    identifier            text NOT NULL,
    display_name          text,
    channel_connection_id uuid REFERENCES channel_connections (id) ON DELETE SET NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    search                tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', identifier || ' ' || coalesce(display_name, ''))
    ) STORED,
    FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
    UNIQUE (organization_id, channel, identifier)
);
CREATE INDEX contact_identities_by_contact ON contact_identities (contact_id);
CREATE INDEX contact_identities_search ON contact_identities USING gin (search);

CREATE TABLE conversations (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL,
    contact_id            uuid NOT NULL,
    channel               text NOT NULL CHECK (channel IN ('whatsapp', 'email', 'instagram', 'messenger', 'telegram', 'sms')),
    channel_connection_id uuid REFERENCES channel_connections (id) ON DELETE SET NULL,
    status                text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'resolved', 'closed')),
    priority              text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assignee_user_id      uuid,
    assignee_team_id      uuid,
    subject               text,
    last_message_at       timestamptz NOT NULL DEFAULT now(),
    last_message_preview  text,
    -- The customer's last message: WhatsApp's 24 h and Meta's 7-day reply windows start here.
    last_inbound_at       timestamptz,
    metadata              jsonb NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    resolved_at           timestamptz,
    closed_at             timestamptz,
    FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, assignee_user_id) REFERENCES users (organization_id, id),
    FOREIGN KEY (organization_id, assignee_team_id) REFERENCES teams (organization_id, id),
    UNIQUE (organization_id, id)
);
-- The inbox views, each newest activity first with (last_message_at, id) as the keyset.
CREATE INDEX conversations_all ON conversations (organization_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_mine ON conversations (organization_id, assignee_user_id, last_message_at DESC, id DESC)
    WHERE assignee_user_id IS NOT NULL;
CREATE INDEX conversations_unassigned ON conversations (organization_id, last_message_at DESC, id DESC)
    WHERE assignee_user_id IS NULL;
CREATE INDEX conversations_team ON conversations (organization_id, assignee_team_id, last_message_at DESC, id DESC)
    WHERE assignee_team_id IS NOT NULL;
CREATE INDEX conversations_status ON conversations (organization_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_channel ON conversations (organization_id, channel, last_message_at DESC, id DESC);
CREATE INDEX conversations_by_contact ON conversations (contact_id, channel);
-- One open conversation per contact and channel connection: inbound routing needs "the" conversation.
CREATE UNIQUE INDEX conversations_one_open
    ON conversations (contact_id, channel, coalesce(channel_connection_id, '00000000-0000-0000-0000-000000000000'))
    WHERE status IN ('new', 'active');

-- Per-user read position; unread = inbound messages after last_read_at.
CREATE TABLE conversation_reads (
    organization_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    user_id         uuid NOT NULL,
    last_read_at    timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, user_id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE messages (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL,
    conversation_id       uuid NOT NULL,
    channel_connection_id uuid REFERENCES channel_connections (id) ON DELETE SET NULL,
    direction             text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    sender_type           text NOT NULL CHECK (sender_type IN ('contact', 'user', 'system', 'bot')),
    sender_user_id        uuid,
    message_type          text NOT NULL DEFAULT 'text' CHECK (message_type IN (
        'text', 'html', 'image', 'video', 'audio', 'document', 'sticker', 'location',
        'template', 'interactive', 'contacts', 'reaction', 'unsupported')),
    content               text,
    metadata              jsonb NOT NULL DEFAULT '{}',
    -- The platform's message id (wamid, mid, Telegram message id, Twilio SID, Message-ID).
    external_id           text,
    -- Delivery tracking of outbound messages; inbound messages have none.
    status                text CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
    error_code            text,
    error_message         text,
    queued_at             timestamptz,
    sent_at               timestamptz,
    delivered_at          timestamptz,
    read_at               timestamptz,
    failed_at             timestamptz,
    -- When the platform says the message was written; history is ordered by it, then id.
    platform_timestamp    timestamptz NOT NULL DEFAULT now(),
    idempotency_key       text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    edited_at             timestamptz,
    deleted_at            timestamptz,
    deleted_by            uuid,
    search                tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(content, ''))) STORED,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, sender_user_id) REFERENCES users (organization_id, id),
    CHECK (direction = 'inbound' OR status IS NOT NULL),
    UNIQUE (organization_id, id)
);
-- A webhook retried by the platform or redelivered by SQS stores nothing twice.
CREATE UNIQUE INDEX messages_external_once ON messages (channel_connection_id, external_id)
    WHERE external_id IS NOT NULL;
-- A client's retried send returns the first message.
CREATE UNIQUE INDEX messages_idempotency ON messages (organization_id, sender_user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_history ON messages (conversation_id, platform_timestamp, id);
CREATE INDEX messages_inbound_by_time ON messages (conversation_id, created_at) WHERE direction = 'inbound';
CREATE INDEX messages_search ON messages USING gin (search);
-- The sweeper's work list: sends accepted but not yet handed to the queue.
CREATE INDEX messages_queued ON messages (queued_at) WHERE status = 'queued';

-- A delivery status that arrived before its message (webhooks race); applied when the message lands.
CREATE TABLE pending_message_statuses (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_connection_id uuid NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    external_id           text NOT NULL,
    status                text NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
    error_code            text,
    error_message         text,
    occurred_at           timestamptz NOT NULL,
    received_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel_connection_id, external_id, status)
);

CREATE TABLE attachments (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    message_id      uuid,
    uploaded_by     uuid,
    s3_key          text NOT NULL UNIQUE,
    file_name       text NOT NULL,
    content_type    text NOT NULL,
    declared_size   bigint NOT NULL CHECK (declared_size >= 0),
    size_bytes      bigint CHECK (size_bytes >= 0),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'uploaded', 'rejected')),
    metadata        jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, message_id) REFERENCES messages (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX attachments_by_message ON attachments (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_by_conversation ON attachments (conversation_id);

CREATE TABLE message_reactions (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    message_id      uuid NOT NULL,
    user_id         uuid,
    contact_id      uuid,
    emoji           text NOT NULL CHECK (length(emoji) BETWEEN 1 AND 32),
    created_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, message_id) REFERENCES messages (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
    CHECK ((user_id IS NULL) <> (contact_id IS NULL))
);
-- One reaction per reactor per message (reacting again replaces or toggles it).
CREATE UNIQUE INDEX message_reactions_one_per_user ON message_reactions (message_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX message_reactions_one_per_contact ON message_reactions (message_id, contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE labels (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    color           text NOT NULL DEFAULT '#6B7280' CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
    description     text,
    parent_label_id uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, parent_label_id) REFERENCES labels (organization_id, id) ON DELETE CASCADE,
    UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX labels_name_per_parent
    ON labels (organization_id, coalesce(parent_label_id, '00000000-0000-0000-0000-000000000000'), lower(name));

CREATE TABLE conversation_labels (
    organization_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    label_id        uuid NOT NULL,
    applied_by      uuid,
    applied_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, label_id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, label_id) REFERENCES labels (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_labels_by_label ON conversation_labels (label_id, conversation_id);

CREATE TABLE attribute_definitions (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    scope            text NOT NULL CHECK (scope IN ('contact', 'conversation')),
    key              text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
    label            text NOT NULL,
    data_type        text NOT NULL CHECK (data_type IN (
        'text', 'textarea', 'number', 'date', 'datetime', 'boolean', 'select', 'multiselect',
        'email', 'phone', 'url', 'file')),
    validation_rules jsonb NOT NULL DEFAULT '{}',
    options          jsonb NOT NULL DEFAULT '[]',
    default_value    jsonb,
    required         boolean NOT NULL DEFAULT false,
    -- Conditional visibility: show only when another attribute has a value.
    visibility       jsonb,
    position         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, scope, key),
    UNIQUE (organization_id, id)
);

CREATE TABLE attribute_values (
    organization_id uuid NOT NULL,
    attribute_id    uuid NOT NULL,
    -- A contact id or a conversation id, as the definition's scope says.
    entity_id       uuid NOT NULL,
    value           jsonb NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      uuid,
    PRIMARY KEY (attribute_id, entity_id),
    FOREIGN KEY (organization_id, attribute_id) REFERENCES attribute_definitions (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX attribute_values_by_entity ON attribute_values (entity_id);
CREATE INDEX attribute_values_value ON attribute_values USING gin (value jsonb_path_ops);

CREATE TABLE templates (
    id                    uuid PRIMARY KEY,
    organization_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    type                  text NOT NULL CHECK (type IN ('general', 'whatsapp', 'preset')),
    name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 512),
    content               text NOT NULL,
    category              text,
    language              text NOT NULL DEFAULT 'en',
    -- Declared placeholders ({{1}}, {{first_name}}) with examples.
    variables             jsonb NOT NULL DEFAULT '[]',
    -- WhatsApp: the Graph API components (header, body, footer, buttons) and Meta's review.
    components            jsonb,
    channel_connection_id uuid REFERENCES channel_connections (id) ON DELETE SET NULL,
    meta_template_id      text,
    approval_status       text CHECK (approval_status IN ('draft', 'pending', 'approved', 'rejected', 'paused', 'disabled')),
    rejection_reason      text,
    imported_from         uuid,
    created_by            uuid,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    deleted_at            timestamptz,
    search                tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', name || ' ' || content || ' ' || coalesce(category, ''))
    ) STORED,
    UNIQUE (organization_id, id)
);
CREATE INDEX templates_by_org ON templates (organization_id, type, name) WHERE deleted_at IS NULL;
CREATE INDEX templates_search ON templates USING gin (search);
CREATE INDEX templates_pending_approval ON templates (approval_status) WHERE approval_status = 'pending';
CREATE UNIQUE INDEX templates_whatsapp_name
    ON templates (organization_id, channel_connection_id, name, language) WHERE type = 'whatsapp' AND deleted_at IS NULL;

CREATE TABLE template_usage (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    template_id     uuid NOT NULL,
    message_id      uuid,
    conversation_id uuid,
    used_by         uuid,
    used_at         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, template_id) REFERENCES templates (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX template_usage_by_template ON template_usage (template_id, used_at);

CREATE TABLE notes (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    author_id       uuid NOT NULL,
    content         text NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, author_id) REFERENCES users (organization_id, id),
    UNIQUE (organization_id, id)
);
CREATE INDEX notes_by_conversation ON notes (conversation_id, created_at);

CREATE TABLE note_mentions (
    organization_id uuid NOT NULL,
    note_id         uuid NOT NULL,
    user_id         uuid NOT NULL,
    conversation_id uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz,
    PRIMARY KEY (note_id, user_id),
    FOREIGN KEY (organization_id, note_id) REFERENCES notes (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
);
-- The "mentions" inbox view and the notifications panel.
CREATE INDEX note_mentions_by_user ON note_mentions (organization_id, user_id, created_at DESC);
CREATE INDEX note_mentions_by_user_conversation ON note_mentions (user_id, conversation_id);

CREATE TABLE settings (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    scope           text NOT NULL CHECK (scope IN ('organization', 'team', 'user')),
    -- The organization, team or user the settings belong to.
    scope_id        uuid NOT NULL,
    settings        jsonb NOT NULL DEFAULT '{}',
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      uuid,
    UNIQUE (organization_id, scope, scope_id)
);

-- IMAP sync position per connected mailbox: UIDs only grow within a UIDVALIDITY.
CREATE TABLE email_sync_state (
    organization_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_connection_id uuid NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
    mailbox               text NOT NULL DEFAULT 'INBOX',
    uid_validity          bigint NOT NULL,
    last_uid              bigint NOT NULL DEFAULT 0,
    synced_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_connection_id, mailbox)
);
