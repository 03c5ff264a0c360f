-- Issue 11: the team inbox and assignment (package assignment).

-- A team's routing (enabled, strategy, capacity, deadlines) is the autoAssignment setting, at the
-- organization or team level with provenance; this column said the same thing a second way.
ALTER TABLE teams DROP COLUMN assignment_strategy;

-- A member's own capacity, under the team's maxConversationsPerAgent (NULL: the setting alone);
-- 10 was the column's default, never chosen by anyone, so it becomes "no own limit".
ALTER TABLE team_members ALTER COLUMN max_concurrent_conversations DROP NOT NULL,
                         ALTER COLUMN max_concurrent_conversations DROP DEFAULT;
UPDATE team_members SET max_concurrent_conversations = NULL WHERE max_concurrent_conversations = 10;
-- The priority strategy sends high and urgent conversations to senior members first.
ALTER TABLE team_members ADD COLUMN senior boolean NOT NULL DEFAULT false;

-- The team a channel connection's customers are routed to: its new conversations join that team's
-- inbox, and its queue when the team assigns automatically.
ALTER TABLE channel_connections ADD COLUMN team_id uuid REFERENCES teams (id) ON DELETE SET NULL;

-- Where a conversation stands in routing, owned by assignment.RoutingStore: whether it waits in its
-- team's queue, whom a reopened conversation goes back to, the skills it needs, and the first-touch
-- timer of its current agent. One row per conversation that was ever routed.
CREATE TABLE conversation_routing (
    conversation_id     uuid PRIMARY KEY,
    organization_id     uuid NOT NULL,
    -- waiting in its team's queue since (NULL: not waiting)
    queued_at           timestamptz,
    -- a reopened conversation's previous agent: theirs again if they are eligible
    preferred_user_id   uuid,
    required_skills     text[] NOT NULL DEFAULT '{}',
    -- when the current agent got it; their first public reply after this is the first touch
    assigned_at         timestamptz,
    -- the first-touch deadline of the current agent (NULL: none running)
    touch_due_at        timestamptz,
    -- consecutive reassignments for a missed first touch; at the team's limit it escalates
    touch_reassignments integer NOT NULL DEFAULT 0,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_routing_queue ON conversation_routing (organization_id, queued_at)
    WHERE queued_at IS NOT NULL;
CREATE INDEX conversation_routing_touch_due ON conversation_routing (touch_due_at) WHERE touch_due_at IS NOT NULL;
-- Which organizations have a queue: the sweep drains those only.
CREATE INDEX conversation_routing_queued ON conversation_routing (queued_at) WHERE queued_at IS NOT NULL;

-- An agent's load: their open conversations across all channels, counted from the index alone.
CREATE INDEX conversations_open_by_assignee ON conversations (organization_id, assignee_user_id)
    WHERE assignee_user_id IS NOT NULL AND status IN ('new', 'active');

-- Every assignment decision, explainable afterwards: who decided (NULL: the system), on what
-- trigger, by which strategy, the outcome, why, and which agents were skipped and why.
CREATE TABLE assignment_decisions (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    team_id         uuid,
    decided_at      timestamptz NOT NULL,
    trigger         text NOT NULL CHECK (trigger IN ('arrival', 'reopen', 'manual', 'claim', 'transfer', 'auto_assign',
                                                     'bulk_reassign', 'drain', 'away', 'first_touch', 'escalation')),
    strategy        text CHECK (strategy IN ('round_robin', 'load_balanced', 'skill_based', 'priority')),
    actor_id        uuid,
    from_user_id    uuid,
    to_user_id      uuid,
    outcome         text NOT NULL CHECK (outcome IN ('assigned', 'kept', 'queued', 'escalated', 'unassigned')),
    reason          text,
    skipped         jsonb NOT NULL DEFAULT '[]',
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX assignment_decisions_by_conversation ON assignment_decisions (conversation_id, decided_at, id);
