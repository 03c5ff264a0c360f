package com.unifiedbeez.inbox.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationStore.Found;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
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
 *   <li>else a new conversation ({@code new}, subject from the message's metadata for email), in
 *       the team the channel connection routes to.</li>
 * </ol>
 * Reopening announces {@code conversation:status}; the caller announces a new conversation once
 * its first message is stored.
 */
@Singleton
public final class InboundConversations {
    private final ConversationStore conversations;

    @Inject
    public InboundConversations(ConversationStore conversations) {
        this.conversations = conversations;
    }

    /** The conversation, and whether this call created or reopened it (what auto-assignment acts on). */
    public record Routed(UUID conversationId, boolean created, boolean reopened) {
        static Routed existing(UUID conversationId) {
            return new Routed(conversationId, false, false);
        }
    }

    public Routed route(Connection c, ChannelConnection connection, UUID contactId, InboundMessage message)
            throws SQLException {
        Channel channel = connection.channel();
        Optional<Found> thread = conversations.threadOf(c, connection.organizationId(), connection.id(), message.references());
        if (thread.isPresent()) {
            Found answered = thread.get();
            Routed routed;
            if (answered.status().isOpen()) {
                routed = Routed.existing(answered.id());
            } else {
                // The one-open index is per customer: their other open conversation takes the reply.
                Optional<UUID> theirs = conversations.openConversation(c, answered.contactId(), channel, connection.id(),
                        null);
                if (theirs.isEmpty()) {
                    conversations.reopen(c, connection.organizationId(), answered.id());
                }
                routed = new Routed(theirs.orElse(answered.id()), false, theirs.isEmpty());
            }
            learnSubject(c, connection, routed.conversationId(), message);
            return routed;
        }
        Optional<UUID> open = conversations.openConversation(c, contactId, channel, connection.id(), null);
        if (open.isPresent()) {
            learnSubject(c, connection, open.get(), message);
            return Routed.existing(open.get());
        }
        Optional<Found> latest = conversations.latest(c, connection.organizationId(), contactId, channel, connection.id());
        if (latest.isPresent() && latest.get().status() == ConversationStatus.RESOLVED) {
            conversations.reopen(c, connection.organizationId(), latest.get().id());
            return new Routed(latest.get().id(), false, true);
        }
        return create(c, connection, contactId, message);
    }

    /** An email conversation that has no subject yet (an agent started it without one) takes the mail's. */
    private void learnSubject(Connection c, ChannelConnection connection, UUID conversationId,
                                     InboundMessage message) throws SQLException {
        String subject = subject(connection, message);
        if (subject != null) {
            conversations.learnSubject(c, connection.organizationId(), conversationId, subject);
        }
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
        if (conversations.insertNew(c, id, connection.organizationId(), contactId, connection.channel(),
                connection.id(), subject, message.sentAt())) {
            return new Routed(id, true, false);
        }
        return Routed.existing(conversations.openConversation(c, contactId, connection.channel(), connection.id(),
                null).orElseThrow());
    }
}
