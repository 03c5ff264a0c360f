package com.unifiedbeez.inbox.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.AttachmentLinks;
import com.unifiedbeez.inbox.attachment.AttachmentView;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The message aggregate's store: reads (with attachments and reactions, organization-scoped) and
 * every write of a message's content, reactions, read and deletion (by an agent, softly; by
 * retention, for good). Its delivery state (queued, leased, sent, delivered, read, failed) is
 * written by {@link DeliveryTracker}, the other half of the aggregate; no other class writes
 * {@code messages} or {@code message_reactions}. The {@code template_usage} a templated send leaves
 * is written here too: it is a fact of that message, written with it and only unlinked from it when
 * retention deletes the message (the inbox reads templates but does not manage them).
 */
@Singleton
public final class MessageStore {
    @Inject
    public MessageStore() {
    }

    public Optional<MessageView> find(Connection c, UUID organizationId, UUID id) throws SQLException {
        Optional<MessageView> message = Sql.one(c, "SELECT " + MessageView.COLUMNS
                + " FROM messages WHERE organization_id = ? AND id = ?", MessageView::map, organizationId, id);
        if (message.isEmpty()) {
            return message;
        }
        return Optional.of(decorate(c, List.of(message.get()), AttachmentLinks.NONE).get(0));
    }

    /**
     * A customer's message as the platform gave it, and its view as {@link #find} would read it back
     * (without attachments): the caller announces it without reading it again. Empty when that
     * platform id is already stored.
     */
    public Optional<MessageView> insertInbound(Connection c, UUID id, UUID organizationId, UUID conversationId,
                                               UUID connectionId, MessageType type, String text, ObjectNode metadata,
                                               String externalId, Instant sentAt) throws SQLException {
        return Sql.one(c, """
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      message_type, content, metadata, external_id, platform_timestamp)
                VALUES (?, ?, ?, ?, 'inbound', 'contact', ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (channel_connection_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
                RETURNING platform_timestamp, created_at""",
                r -> MessageView.inbound(id, conversationId, type, text, metadata, Sql.instant(r, "platform_timestamp"),
                        Sql.instant(r, "created_at")),
                id, organizationId, conversationId, connectionId, type, text, metadata.toString(), externalId, sentAt);
    }

    /** An agent's reply, {@code queued} for the sender; the Idempotency-Key and its fingerprint with it. */
    public void insertQueued(Connection c, UUID id, UUID organizationId, UUID conversationId, UUID connectionId,
                             UUID senderUserId, Draft draft, Instant at, String idempotencyKey, String fingerprint)
            throws SQLException {
        insertOutbound(c, id, organizationId, conversationId, connectionId, "user", senderUserId, draft, at,
                idempotencyKey, fingerprint);
    }

    /** A message the inbox sends on its own (sender {@code system}, no agent), {@code queued} for the sender. */
    public void insertAutomatic(Connection c, UUID id, UUID organizationId, UUID conversationId, UUID connectionId,
                                Draft draft, Instant at) throws SQLException {
        insertOutbound(c, id, organizationId, conversationId, connectionId, "system", null, draft, at, null, null);
    }

    private static void insertOutbound(Connection c, UUID id, UUID organizationId, UUID conversationId,
                                       UUID connectionId, String senderType, UUID senderUserId, Draft draft, Instant at,
                                       String idempotencyKey, String fingerprint) throws SQLException {
        Sql.update(c, """
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      sender_user_id, message_type, content, metadata, status, queued_at,
                                      platform_timestamp, idempotency_key, idempotency_fingerprint, created_at)
                VALUES (?, ?, ?, ?, 'outbound', ?, ?, ?, ?, ?::jsonb, 'queued', ?, ?, ?, ?, ?)""",
                id, organizationId, conversationId, connectionId, senderType, senderUserId, draft.type(),
                draft.content(), draft.metadata().toString(), at, at, idempotencyKey, fingerprint, at);
    }

    /** The template an agent's reply was sent from, counted for the template's usage. */
    public void recordTemplateUse(Connection c, UUID organizationId, UUID templateId, UUID messageId, UUID conversationId,
                                  UUID usedBy, Instant at) throws SQLException {
        Sql.update(c, """
                INSERT INTO template_usage (id, organization_id, template_id, message_id, conversation_id, used_by, used_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                Ids.newId(), organizationId, templateId, messageId, conversationId, usedBy, at);
    }

    /** The customer's new text for their message; an older edit arriving late does not win. True when applied. */
    public boolean applyEdit(Connection c, UUID organizationId, UUID connectionId, String externalId, String text,
                             Instant editedAt) throws SQLException {
        return Sql.update(c, """
                UPDATE messages SET content = ?, edited_at = ?
                 WHERE organization_id = ? AND channel_connection_id = ? AND external_id = ? AND direction = 'inbound'
                   AND deleted_at IS NULL AND (edited_at IS NULL OR edited_at <= ?)""",
                text, editedAt, organizationId, connectionId, externalId, editedAt) == 1;
    }

    /** One reaction per contact and message: an emoji replaces theirs, an empty one removes it. */
    public void setContactReaction(Connection c, UUID organizationId, UUID messageId, UUID contactId, String emoji)
            throws SQLException {
        if (emoji.isEmpty()) {
            Sql.update(c, "DELETE FROM message_reactions WHERE message_id = ? AND contact_id = ?", messageId, contactId);
            return;
        }
        Sql.update(c, """
                INSERT INTO message_reactions (id, organization_id, message_id, contact_id, emoji) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (message_id, contact_id) WHERE contact_id IS NOT NULL
                DO UPDATE SET emoji = excluded.emoji, created_at = now()""",
                Ids.newId(), organizationId, messageId, contactId, emoji);
    }

    /** An agent's reaction: the same emoji again takes it back, another replaces theirs. */
    public void toggleAgentReaction(Connection c, UUID organizationId, UUID messageId, UUID userId, String emoji)
            throws SQLException {
        int removed = Sql.update(c, "DELETE FROM message_reactions WHERE message_id = ? AND user_id = ? AND emoji = ?",
                messageId, userId, emoji);
        if (removed == 0) {
            Sql.update(c, """
                    INSERT INTO message_reactions (id, organization_id, message_id, user_id, emoji) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (message_id, user_id) WHERE user_id IS NOT NULL
                    DO UPDATE SET emoji = excluded.emoji, created_at = now()""",
                    Ids.newId(), organizationId, messageId, userId, emoji);
        }
    }

    /** An inbound message was read by an agent (the first time counts). */
    public void markRead(Connection c, UUID messageId) throws SQLException {
        Sql.update(c, "UPDATE messages SET read_at = coalesce(read_at, now()) WHERE id = ?", messageId);
    }

    /** Deletes (softly) a message not deleted yet; its conversation, or empty when it already was. */
    public Optional<UUID> softDelete(Connection c, UUID messageId, UUID deletedBy) throws SQLException {
        return Sql.one(c, """
                UPDATE messages SET deleted_at = now(), deleted_by = ? WHERE id = ? AND deleted_at IS NULL
                RETURNING conversation_id""", r -> Sql.uuid(r, "conversation_id"), deletedBy, messageId);
    }

    /**
     * Deletes the organization's messages for good (retention.RetentionSweeper, after their files are
     * gone); their reactions go with them (ON DELETE CASCADE). A template use they leave keeps
     * counting for its template without naming them. How many messages went.
     */
    public int deleteExpired(Connection c, UUID organizationId, Collection<UUID> ids) throws SQLException {
        Sql.update(c, "UPDATE template_usage SET message_id = NULL WHERE organization_id = ? AND message_id = ANY(?::uuid[])",
                organizationId, ids);
        return Sql.update(c, "DELETE FROM messages WHERE organization_id = ? AND id = ANY(?::uuid[])", organizationId, ids);
    }

    /** Retention deleted these messages' files: {@code metadata.mediaExpired} tells an agent why none is shown. */
    public void markMediaExpired(Connection c, UUID organizationId, Collection<UUID> ids) throws SQLException {
        Sql.update(c, """
                UPDATE messages SET metadata = metadata || '{"mediaExpired": true}'::jsonb
                 WHERE organization_id = ? AND id = ANY(?::uuid[])""", organizationId, ids);
    }

    /**
     * Adds attachments and reactions to a page of messages in two queries; {@code links} may give
     * each uploaded attachment a download link.
     */
    public List<MessageView> decorate(Connection c, List<MessageView> messages, AttachmentLinks links) throws SQLException {
        if (messages.isEmpty()) {
            return messages;
        }
        List<UUID> ids = messages.stream().map(MessageView::id).toList();
        Map<UUID, List<AttachmentView>> attachments = new HashMap<>();
        for (var row : Sql.list(c, """
                SELECT message_id, id, file_name, content_type, size_bytes, status, s3_key FROM attachments
                 WHERE message_id = ANY(?::uuid[]) ORDER BY created_at, id""",
                r -> Map.entry(Sql.uuid(r, "message_id"), new AttachmentView(Sql.uuid(r, "id"), r.getString("file_name"),
                        r.getString("content_type"), (Long) r.getObject("size_bytes"), r.getString("status"),
                        "uploaded".equals(r.getString("status")) ? links.url(r.getString("s3_key")) : null)),
                ids)) {
            attachments.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        Map<UUID, List<ReactionView>> reactions = new HashMap<>();
        for (var row : Sql.list(c, """
                SELECT message_id, emoji, user_id, contact_id FROM message_reactions
                 WHERE message_id = ANY(?::uuid[]) ORDER BY created_at, id""",
                r -> Map.entry(Sql.uuid(r, "message_id"),
                        new ReactionView(r.getString("emoji"), Sql.uuid(r, "user_id"), Sql.uuid(r, "contact_id"))),
                ids)) {
            reactions.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        return messages.stream()
                .map(m -> m.with(attachments.getOrDefault(m.id(), List.of()), reactions.getOrDefault(m.id(), List.of())))
                .toList();
    }
}
