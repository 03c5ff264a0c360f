package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.conversation.ConversationRepository;
import com.unifiedbeez.inbox.conversation.ConversationRow;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.DatabaseException;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Accepts a send: validates it against the conversation's channel before anything is stored,
 * stores it {@code queued} with the conversation's new activity in one transaction, then hands it
 * to the outbound queue. If that hand-off fails the message stays queued and the sweeper
 * re-queues it: an accepted send is never lost. An Idempotency-Key replays the first answer.
 */
@Singleton
public final class MessageSubmitter {
    public static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final String UNIQUE_VIOLATION = "23505";

    /** Builds the draft for one kind of send, once the conversation is locked. */
    @FunctionalInterface
    interface DraftBuilder {
        Draft build(Connection c, ConversationRow conversation, Instant now) throws SQLException;
    }

    private final Database database;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final OutboundDispatch dispatch;
    private final MessageDrafts drafts;

    @Inject
    public MessageSubmitter(Database database, ConversationRepository conversations, MessageRepository messages,
                            OutboundDispatch dispatch, MessageDrafts drafts) {
        this.database = database;
        this.conversations = conversations;
        this.messages = messages;
        this.dispatch = dispatch;
        this.drafts = drafts;
    }

    public MessageView send(Caller caller, SendMessage request, Optional<String> idempotencyKey) {
        drafts.checkShape(request);
        return submit(caller, drafts.conversationId(request.conversationId()), idempotencyKey,
                (c, conversation, now) -> drafts.free(c, caller, conversation, request, now));
    }

    public MessageView sendTemplate(Caller caller, SendTemplate request, Optional<String> idempotencyKey) {
        return submit(caller, drafts.conversationId(request.conversationId()), idempotencyKey,
                (c, conversation, now) -> drafts.template(c, caller, conversation, request));
    }

    private MessageView submit(Caller caller, UUID conversationId, Optional<String> idempotencyKey, DraftBuilder builder) {
        String key = idempotencyKey.map(MessageSubmitter::checkKey).orElse(null);
        Stored stored;
        try {
            stored = database.transaction(c -> {
                if (key != null) {
                    Optional<MessageView> replay = replay(c, caller, key);
                    if (replay.isPresent()) {
                        return new Stored(replay.get(), false);
                    }
                }
                ConversationRow conversation = conversations.require(c, caller.organizationId(), conversationId, true);
                // A reply reopens a resolved or closed conversation.
                conversations.requireReopenable(c, conversation);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Draft draft = builder.build(c, conversation, now);
                UUID id = insert(c, caller, conversation, draft, key, now);
                return new Stored(messages.find(c, caller.organizationId(), id).orElseThrow(), true);
            });
        } catch (DatabaseException e) {
            if (key != null && UNIQUE_VIOLATION.equals(e.sqlState())) {
                // A concurrent retry with the same key won the race: answer with its message.
                return database.read(c -> replay(c, caller, key)).orElseThrow(() -> e);
            }
            throw e;
        }
        if (stored.fresh()) {
            MessageView m = stored.message();
            dispatch.dispatch(new OutboundSend(m.id(), caller.organizationId(), m.conversationId()));
        }
        return stored.message();
    }

    private record Stored(MessageView message, boolean fresh) {
    }

    private Optional<MessageView> replay(Connection c, Caller caller, String key) throws SQLException {
        Optional<UUID> id = Sql.one(c, """
                SELECT id FROM messages WHERE organization_id = ? AND sender_user_id = ? AND idempotency_key = ?""",
                r -> Sql.uuid(r, "id"), caller.organizationId(), caller.userId(), key);
        return id.isEmpty() ? Optional.empty() : messages.find(c, caller.organizationId(), id.get());
    }

    private static UUID insert(Connection c, Caller caller, ConversationRow conversation, Draft draft, String key,
                               Instant now) throws SQLException {
        UUID id = Ids.newId();
        Sql.update(c, """
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      sender_user_id, message_type, content, metadata, status, queued_at,
                                      platform_timestamp, idempotency_key, created_at)
                VALUES (?, ?, ?, ?, 'outbound', 'user', ?, ?, ?, ?::jsonb, 'queued', ?, ?, ?, ?)""",
                id, caller.organizationId(), conversation.id(), conversation.channelConnectionId(), caller.userId(),
                draft.type(), draft.content(), draft.metadata().toString(), now, now, key, now);
        if (!draft.attachmentIds().isEmpty()) {
            Sql.update(c, "UPDATE attachments SET message_id = ? WHERE organization_id = ? AND id = ANY(?::uuid[])",
                    id, caller.organizationId(), draft.attachmentIds());
        }
        if (draft.templateId() != null) {
            Sql.update(c, """
                    INSERT INTO template_usage (id, organization_id, template_id, message_id, conversation_id, used_by, used_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    Ids.newId(), caller.organizationId(), draft.templateId(), id, conversation.id(), caller.userId(), now);
        }
        // An agent's reply makes the conversation active again, wherever it was in its lifecycle.
        Sql.update(c, """
                UPDATE conversations
                   SET last_message_at = greatest(last_message_at, ?), last_message_preview = ?, updated_at = now(),
                       status = 'active'
                 WHERE id = ?""",
                now, Previews.of(draft.type(), draft.content()), conversation.id());
        return id;
    }

    private static String checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters");
        }
        return key;
    }
}
