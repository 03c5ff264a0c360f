package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.attachment.AttachmentLinks;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A conversation's messages in the platform's own order (its timestamp, then id), so a message
 * that arrives late lands in its place. Items are always chronological; without a cursor the page
 * is the newest one; {@code before} pages back in time, {@code after} forward, and nextCursor
 * continues in the same direction.
 */
@Singleton
public final class MessageHistory {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Which way a page runs from its cursor. */
    public enum Direction { BEFORE, AFTER }

    private final Database database;
    private final ConversationStore conversations;
    private final MessageStore messages;

    @Inject
    public MessageHistory(Database database, ConversationStore conversations, MessageStore messages) {
        this.database = database;
        this.conversations = conversations;
        this.messages = messages;
    }

    public Page<MessageView> page(Caller caller, UUID conversationId, Direction direction, Cursor cursor, int limit,
                                  AttachmentLinks links) {
        return database.read(c -> {
            if (conversations.find(c, caller.organizationId(), conversationId, false).isEmpty()) {
                throw ApiException.notFound("conversation", conversationId);
            }
            boolean forward = direction == Direction.AFTER;
            String sql = "SELECT " + MessageView.COLUMNS + " FROM messages WHERE organization_id = ? AND conversation_id = ?"
                    + (cursor == null ? "" : forward ? " AND (platform_timestamp, id) > (?, ?)" : " AND (platform_timestamp, id) < (?, ?)")
                    + (forward ? " ORDER BY platform_timestamp, id" : " ORDER BY platform_timestamp DESC, id DESC") + " LIMIT ?";
            List<Object> params = new ArrayList<>(List.of(caller.organizationId(), conversationId));
            if (cursor != null) {
                params.add(cursor.at());
                params.add(cursor.id());
            }
            params.add(limit + 1);
            List<MessageView> rows = new ArrayList<>(Sql.list(c, sql, MessageView::map, params.toArray()));
            boolean more = rows.size() > limit;
            if (more) {
                rows.remove(rows.size() - 1);
            }
            if (!forward) {
                Collections.reverse(rows);
            }
            String next = null;
            if (more) {
                MessageView edge = forward ? rows.get(rows.size() - 1) : rows.get(0);
                next = new Cursor(edge.platformTimestamp(), edge.id()).encode();
            }
            return new Page<>(messages.decorate(c, rows, links), next);
        });
    }
}
