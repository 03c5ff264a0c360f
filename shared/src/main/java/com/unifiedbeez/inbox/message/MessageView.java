package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A message as clients see it. A deleted message keeps its place in history but not its content. */
public record MessageView(
        UUID id,
        UUID conversationId,
        String direction,
        String senderType,
        UUID senderUserId,
        String type,
        String content,
        String status,
        String errorCode,
        String errorMessage,
        Instant platformTimestamp,
        Instant createdAt,
        Instant deletedAt) {

    /** The columns {@link #map} reads, for SELECTs over {@code messages}. */
    public static final String COLUMNS = "id, conversation_id, direction, sender_type, sender_user_id, message_type,"
            + " content, status, error_code, error_message, platform_timestamp, created_at, deleted_at";

    public static MessageView map(ResultSet r) throws SQLException {
        Instant deletedAt = Sql.instant(r, "deleted_at");
        return new MessageView(
                Sql.uuid(r, "id"),
                Sql.uuid(r, "conversation_id"),
                r.getString("direction"),
                r.getString("sender_type"),
                Sql.uuid(r, "sender_user_id"),
                r.getString("message_type"),
                deletedAt == null ? r.getString("content") : null,
                r.getString("status"),
                r.getString("error_code"),
                r.getString("error_message"),
                Sql.instant(r, "platform_timestamp"),
                Sql.instant(r, "created_at"),
                deletedAt);
    }
}
