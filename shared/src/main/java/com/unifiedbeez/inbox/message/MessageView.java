package com.unifiedbeez.inbox.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.AttachmentView;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message as clients see it. A deleted message keeps its place in history but not its content. */
public record MessageView(
        UUID id,
        UUID conversationId,
        String direction,
        String senderType,
        UUID senderUserId,
        MessageType type,
        String content,
        JsonNode metadata,
        MessageStatus status,
        String errorCode,
        String errorMessage,
        Instant platformTimestamp,
        Instant createdAt,
        Instant sentAt,
        Instant deliveredAt,
        Instant readAt,
        Instant deletedAt,
        List<AttachmentView> attachments,
        List<ReactionView> reactions) {

    /** The columns {@link #map} reads, for SELECTs over {@code messages}. */
    public static final String COLUMNS = "id, conversation_id, direction, sender_type, sender_user_id, message_type,"
            + " content, metadata, status, error_code, error_message, platform_timestamp, created_at, sent_at,"
            + " delivered_at, read_at, deleted_at";

    /** The message row alone; attachments and reactions are added by {@link #with}. */
    public static MessageView map(ResultSet r) throws SQLException {
        Instant deletedAt = Sql.instant(r, "deleted_at");
        return new MessageView(
                Sql.uuid(r, "id"),
                Sql.uuid(r, "conversation_id"),
                r.getString("direction"),
                r.getString("sender_type"),
                Sql.uuid(r, "sender_user_id"),
                MessageType.parse(r.getString("message_type")).orElseThrow(),
                deletedAt == null ? r.getString("content") : null,
                deletedAt == null ? json(r.getString("metadata")) : Json.mapper().createObjectNode(),
                status(r.getString("status")),
                r.getString("error_code"),
                r.getString("error_message"),
                Sql.instant(r, "platform_timestamp"),
                Sql.instant(r, "created_at"),
                Sql.instant(r, "sent_at"),
                Sql.instant(r, "delivered_at"),
                Sql.instant(r, "read_at"),
                deletedAt,
                List.of(),
                List.of());
    }

    /** A customer's message just stored: no sender agent, no delivery state, nothing deleted. */
    static MessageView inbound(UUID id, UUID conversationId, MessageType type, String content, JsonNode metadata,
                               Instant platformTimestamp, Instant createdAt) {
        return new MessageView(id, conversationId, "inbound", "contact", null, type, content, metadata, null, null, null,
                platformTimestamp, createdAt, null, null, null, null, List.of(), List.of());
    }

    public MessageView with(List<AttachmentView> attachmentViews, List<ReactionView> reactionViews) {
        return new MessageView(id, conversationId, direction, senderType, senderUserId, type, content, metadata, status,
                errorCode, errorMessage, platformTimestamp, createdAt, sentAt, deliveredAt, readAt, deletedAt,
                deletedAt == null ? attachmentViews : List.of(), reactionViews);
    }

    /** Inbound messages have no delivery status (null); an outbound one always has. */
    private static MessageStatus status(String value) {
        return value == null ? null : MessageStatus.parse(value).orElseThrow();
    }

    private static JsonNode json(String value) {
        try {
            return Json.mapper().readTree(value == null ? "{}" : value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
