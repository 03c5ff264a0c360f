package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.conversation.ConversationRow;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.event.StreamPosition;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Refuses a reply to a conversation that moved on since its sender looked ({@link ReplyPreconditions}),
 * so two agents never answer the same question twice (Chatwoot #14934): 409
 * {@code conversation-changed}, listing what the sender had not seen.
 *
 * <p>What counts: a customer's message, or another agent's reply that is not deleted and did not
 * fail (a failed one reached nobody). The sender's own messages (another tab) and the inbox's
 * automatic ones (away replies, sender {@code system}) never do. Not seen means:
 * <ul>
 * <li>{@code ifLastEventSeq n}: announced ({@code message:received}, {@code message:sent}) with a seq
 * above n, or committed and not numbered yet — newer than anything a client can hold. A reply is
 * announced only once the platform takes it, so one still {@code queued} is newer than any seq too.
 * A seq this log cannot continue from (past its end: another epoch's; below what retention deleted)
 * has seen nothing.</li>
 * <li>{@code ifMatch m}: stored after m, in the order messages are stored ({@code created_at}, id),
 * so a customer's message that arrived late with an older platform time still counts.</li>
 * </ul>
 * Both given: either one finding something refuses the reply.
 *
 * <p>It runs in the send's transaction once the conversation's row is locked. Every reply and every
 * customer message of the conversation writes that row in its own transaction, so of two agents
 * replying at once to what they both saw, the second one's check (a new snapshot under READ
 * COMMITTED) finds the first's reply, committed and queued. One statement reads it all, so a reply
 * being marked sent meanwhile is seen either queued or announced, never neither.
 */
@Singleton
public final class ReplyConflicts {
    /** The unseen messages a 409 lists at most: the newest ones. */
    static final int MAX_LISTED = 20;

    /** A message the sender had not seen, as the 409 lists it; the sender for an agent's reply. */
    public record UnseenMessage(UUID id, String direction, MessageType type, UUID senderUserId, String senderName,
                                String preview, Instant createdAt) {
    }

    /**
     * The conversation changed: thrown in the send's transaction, so it rolls back and nothing is
     * stored; {@link #problem} makes it the answer.
     */
    static final class Changed extends RuntimeException {
        private final List<UnseenMessage> messages;
        private final boolean more;
        private final String since;

        private Changed(List<UnseenMessage> messages, boolean more, String since) {
            super("the conversation changed " + since, null, false, false);
            this.messages = messages;
            this.more = more;
            this.since = since;
        }
    }

    /** Announced after the seq, then not numbered yet; the names as the partial index lists them. */
    private static final String ANNOUNCED_AFTER = """
            SELECT (payload -> 'message' ->> 'id')::uuid FROM domain_events
             WHERE organization_id = ? AND conversation_id = ? AND name IN ('message:received', 'message:sent')
               AND seq > ?
            UNION
            SELECT (payload -> 'message' ->> 'id')::uuid FROM domain_events
             WHERE organization_id = ? AND conversation_id = ? AND name IN ('message:received', 'message:sent')
               AND seq IS NULL""";
    /** Replies not taken by the platform yet: not announced at all so far. */
    private static final String NOT_ANNOUNCED_YET = "SELECT id FROM messages WHERE conversation_id = ? AND status = 'queued'";
    private static final String STORED_AFTER = "SELECT id FROM messages WHERE conversation_id = ? AND (created_at, id) > (?, ?)";
    private static final String EVERY_MESSAGE = "SELECT id FROM messages WHERE conversation_id = ?";
    /** Of the candidates, those that count, newest first. */
    private static final String COUNTED = """
            SELECT m.id, m.direction, m.message_type, m.content, m.sender_user_id, u.name AS sender_name, m.created_at
              FROM unseen JOIN messages m ON m.id = unseen.id
              LEFT JOIN users u ON u.organization_id = m.organization_id AND u.id = m.sender_user_id
             WHERE m.organization_id = ? AND m.conversation_id = ? AND m.deleted_at IS NULL
               AND (m.direction = 'inbound' OR (m.sender_type = 'user' AND m.sender_user_id <> ? AND m.status <> 'failed'))
             ORDER BY m.created_at DESC, m.id DESC LIMIT ?""";

    private final EventStream stream;

    @Inject
    public ReplyConflicts(EventStream stream) {
        this.stream = stream;
    }

    /**
     * Throws {@link Changed} when {@code conversation}, whose row {@code c} holds locked, has a message
     * that counts and that the sender had not seen; an {@code ifMatch} naming no message of this
     * conversation (of another organization included) is a 422.
     */
    void requireUnchanged(Connection c, Caller caller, ConversationRow conversation, ReplyPreconditions seen)
            throws SQLException {
        if (seen.none()) {
            return;
        }
        UUID organizationId = caller.organizationId();
        List<String> sources = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        List<String> since = new ArrayList<>();
        if (seen.lastMessageId() != null) {
            StoredAt anchor = storedAt(c, organizationId, conversation.id(), seen.lastMessageId());
            sources.add(STORED_AFTER);
            params.addAll(List.of(conversation.id(), anchor.createdAt(), anchor.id()));
            since.add("message " + anchor.id());
        }
        if (seen.lastEventSeq() != null) {
            long seq = seen.lastEventSeq();
            StreamPosition position = stream.position(c, organizationId).orElse(null);
            long last = position == null ? 0 : position.lastSeq();
            long trimmed = position == null ? 0 : position.trimmedSeq();
            if (seq >= trimmed && seq <= last) {
                sources.add(ANNOUNCED_AFTER);
                params.addAll(List.of(organizationId, conversation.id(), seq, organizationId, conversation.id()));
                sources.add(NOT_ANNOUNCED_YET);
                params.add(conversation.id());
                since.add("event seq " + seq);
            } else {
                sources.add(EVERY_MESSAGE);
                params.add(conversation.id());
                since.add("event seq " + seq + ", which this event log cannot continue from ("
                        + (seq > last ? "past its last seq " + last + ": another epoch's" : "below what retention deleted")
                        + "), so nothing was seen");
            }
        }
        params.addAll(List.of(organizationId, conversation.id(), caller.userId(), MAX_LISTED + 1));
        List<UnseenMessage> newestFirst = new ArrayList<>(Sql.list(c,
                "WITH unseen (id) AS (" + String.join("\nUNION\n", sources) + ")\n" + COUNTED,
                ReplyConflicts::unseen, params.toArray()));
        if (newestFirst.isEmpty()) {
            return;
        }
        boolean more = newestFirst.size() > MAX_LISTED;
        List<UnseenMessage> listed = newestFirst.subList(0, Math.min(MAX_LISTED, newestFirst.size()));
        Collections.reverse(listed);
        throw new Changed(List.copyOf(listed), more, "since " + String.join(" and ", since));
    }

    /**
     * The 409 for {@code changed}: the unseen messages (chronological), whether there are more than it
     * lists, and the stream's position to go on from — numbered first, so it covers every listed
     * message the stream has announced.
     */
    ApiException problem(Caller caller, Changed changed) {
        StreamPosition position = stream.sequence(caller.organizationId());
        UnseenMessage newest = changed.messages.get(changed.messages.size() - 1);
        Set<String> authors = new LinkedHashSet<>();
        for (UnseenMessage m : changed.messages) {
            authors.add("inbound".equals(m.direction()) ? "the customer"
                    : m.senderName() == null ? "another agent" : m.senderName());
        }
        int count = changed.messages.size();
        String detail = "the conversation changed " + changed.since + ": " + count + (changed.more ? "+" : "")
                + (count == 1 && !changed.more ? " new message" : " new messages") + " from " + String.join(", ", authors)
                + "; show them, then send again with ifMatch " + newest.id() + " (or ifLastEventSeq "
                + position.lastSeq() + " once nothing listed is still being sent)";
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("messages", changed.messages);
        members.put("hasMore", changed.more);
        members.put("lastSeq", position.lastSeq());
        members.put("epoch", position.epoch());
        return ApiException.conflict("conversation-changed", detail, members);
    }

    private record StoredAt(UUID id, Instant createdAt) {
    }

    /** Where {@code ifMatch} stands in the conversation: another organization's message is as unknown as none. */
    private static StoredAt storedAt(Connection c, UUID organizationId, UUID conversationId, UUID messageId)
            throws SQLException {
        return Sql.one(c, "SELECT id, created_at FROM messages WHERE organization_id = ? AND conversation_id = ? AND id = ?",
                        r -> new StoredAt(Sql.uuid(r, "id"), Sql.instant(r, "created_at")),
                        organizationId, conversationId, messageId)
                .orElseThrow(() -> ApiException.invalid("ifMatch", "is not a message of this conversation: " + messageId));
    }

    private static UnseenMessage unseen(ResultSet r) throws SQLException {
        MessageType type = MessageType.parse(r.getString("message_type")).orElseThrow();
        return new UnseenMessage(Sql.uuid(r, "id"), r.getString("direction"), type, Sql.uuid(r, "sender_user_id"),
                r.getString("sender_name"), Previews.of(type, r.getString("content")), Sql.instant(r, "created_at"));
    }
}
