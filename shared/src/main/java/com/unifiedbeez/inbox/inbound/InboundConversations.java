package com.unifiedbeez.inbox.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.conversation.ConversationRepository;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Which conversation a customer's message belongs to, on its channel connection:
 * <ol>
 *   <li>a thread it answers (email In-Reply-To/References, nearest first) naming a message stored
 *       on this connection — that conversation, whoever wrote the reply: the customer, or another
 *       participant of the thread (reply-all, a colleague of the customer), as help desks do. It is
 *       reopened if it was resolved or closed, unless its customer meanwhile has another open one
 *       on the connection, which then takes it;</li>
 *   <li>else the contact's open conversation;</li>
 *   <li>else their latest conversation if it is resolved: reopened (active). A closed one stays
 *       closed: closing ends a conversation for good, the next message starts a new one;</li>
 *   <li>else a new conversation ({@code new}, subject from the message's metadata for email).</li>
 * </ol>
 * Reopening announces {@code conversation:status}; the caller announces a new conversation once
 * its first message is stored.
 */
@Singleton
public final class InboundConversations {
    private final ConversationRepository conversations;
    private final DomainEvents events;

    @Inject
    public InboundConversations(ConversationRepository conversations, DomainEvents events) {
        this.conversations = conversations;
        this.events = events;
    }

    /** The conversation and whether this call created it. */
    public record Routed(UUID conversationId, boolean created) {
    }

    private record Candidate(UUID id, ConversationStatus status, UUID contactId) {
    }

    public Routed route(Connection c, ChannelConnection connection, UUID contactId, InboundMessage message)
            throws SQLException {
        String channel = connection.channel().wireName();
        Optional<Candidate> thread = thread(c, connection, message.references());
        if (thread.isPresent()) {
            Candidate answered = thread.get();
            Routed routed;
            if (answered.status().isOpen()) {
                routed = new Routed(answered.id(), false);
            } else {
                // The one-open index is per customer: their other open conversation takes the reply.
                Optional<UUID> theirs = conversations.openConversation(c, answered.contactId(), channel, connection.id(),
                        null);
                if (theirs.isEmpty()) {
                    reopen(c, connection.organizationId(), answered.id());
                }
                routed = new Routed(theirs.orElse(answered.id()), false);
            }
            learnSubject(c, connection, routed.conversationId(), message);
            return routed;
        }
        Optional<UUID> open = conversations.openConversation(c, contactId, channel, connection.id(), null);
        if (open.isPresent()) {
            learnSubject(c, connection, open.get(), message);
            return new Routed(open.get(), false);
        }
        Optional<Candidate> latest = Sql.one(c, """
                SELECT id, status FROM conversations
                 WHERE organization_id = ? AND contact_id = ? AND channel = ? AND channel_connection_id = ?
                 ORDER BY last_message_at DESC, id DESC LIMIT 1""",
                r -> new Candidate(Sql.uuid(r, "id"), ConversationStatus.parse(r.getString("status")).orElseThrow(),
                        contactId),
                connection.organizationId(), contactId, channel, connection.id());
        if (latest.isPresent() && latest.get().status() == ConversationStatus.RESOLVED) {
            reopen(c, connection.organizationId(), latest.get().id());
            return new Routed(latest.get().id(), false);
        }
        return create(c, connection, contactId, message);
    }

    /**
     * The conversation of the nearest referenced message stored on this connection, whoever wrote
     * it. Message-IDs are unique per connection (messages_external_once), and only a participant of
     * the thread has them.
     */
    private static Optional<Candidate> thread(Connection c, ChannelConnection connection, List<String> references)
            throws SQLException {
        if (references.isEmpty()) {
            return Optional.empty();
        }
        return Sql.one(c, """
                SELECT cv.id, cv.status, cv.contact_id FROM messages m
                  JOIN conversations cv ON cv.id = m.conversation_id
                 WHERE m.organization_id = ? AND m.channel_connection_id = ? AND m.external_id = ANY(?::text[])
                 ORDER BY array_position(?::text[], m.external_id) LIMIT 1""",
                r -> new Candidate(Sql.uuid(r, "id"), ConversationStatus.parse(r.getString("status")).orElseThrow(),
                        Sql.uuid(r, "contact_id")),
                connection.organizationId(), connection.id(), references, references);
    }

    /** An email conversation that has no subject yet (an agent started it without one) takes the mail's. */
    private static void learnSubject(Connection c, ChannelConnection connection, UUID conversationId,
                                     InboundMessage message) throws SQLException {
        String subject = subject(connection, message);
        if (subject != null) {
            Sql.update(c, "UPDATE conversations SET subject = ? WHERE organization_id = ? AND id = ? AND subject IS NULL",
                    subject, connection.organizationId(), conversationId);
        }
    }

    /** Resolved or closed to active, as the lifecycle reopens on a customer's message. */
    private void reopen(Connection c, UUID organizationId, UUID conversationId) throws SQLException {
        Sql.update(c, "UPDATE conversations SET status = 'active', updated_at = now() WHERE organization_id = ? AND id = ?",
                organizationId, conversationId);
        events.emit(c, organizationId, conversationId, DomainEvents.CONVERSATION_STATUS,
                Map.of("conversationId", conversationId, "status", ConversationStatus.ACTIVE.wireName()));
    }

    /**
     * The email's subject (EmailInbound keeps it at {@code metadata.email.subject}; a top-level
     * {@code subject} is taken too), shown on the conversation and searched; without it our reply
     * would go out as a bare "Re:". Email only: the other channels have no subject.
     */
    static String subject(ChannelConnection connection, InboundMessage message) {
        if (connection.channel() != Channel.EMAIL) {
            return null;
        }
        JsonNode email = message.metadata().path("email").path("subject");
        JsonNode subject = email.isTextual() ? email : message.metadata().path("subject");
        return subject.isTextual() && !subject.asText().isBlank() ? subject.asText().strip() : null;
    }

    private Routed create(Connection c, ChannelConnection connection, UUID contactId, InboundMessage message)
            throws SQLException {
        UUID id = Ids.newId();
        String subject = subject(connection, message);
        // The one-open index is the arbiter: a conversation opened concurrently wins and is used.
        int inserted = Sql.update(c, """
                INSERT INTO conversations (id, organization_id, contact_id, channel, channel_connection_id, status, subject,
                                           last_message_at)
                VALUES (?, ?, ?, ?, ?, 'new', ?, ?)
                ON CONFLICT (contact_id, channel, coalesce(channel_connection_id, '00000000-0000-0000-0000-000000000000'::uuid))
                   WHERE status IN ('new', 'active') DO NOTHING""",
                id, connection.organizationId(), contactId, connection.channel().wireName(), connection.id(), subject,
                message.sentAt());
        if (inserted == 1) {
            return new Routed(id, true);
        }
        return new Routed(conversations.openConversation(c, contactId, connection.channel().wireName(), connection.id(),
                null).orElseThrow(), false);
    }
}
