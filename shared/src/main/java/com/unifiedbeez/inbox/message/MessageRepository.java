package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.attachment.AttachmentLinks;
import com.unifiedbeez.inbox.attachment.AttachmentView;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Reads messages with their attachments and reactions, organization-scoped. */
@Singleton
public final class MessageRepository {
    @Inject
    public MessageRepository() {
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
