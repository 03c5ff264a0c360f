package com.unifiedbeez.inbox.inbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.attachment.AttachmentView;
import com.unifiedbeez.inbox.assignment.ArrivalRouting;
import com.unifiedbeez.inbox.assignment.ConversationRouter;
import com.unifiedbeez.inbox.away.AwayReplies;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.CustomerProfile;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.inbound.InboundMediaStore.StoredMedia;
import com.unifiedbeez.inbox.inbound.InboundMediaStore.UnavailableMedia;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.message.Previews;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a customer's message exactly once: a platform id already stored on the connection
 * changes nothing (a retried webhook, a redelivered record). Media is copied to the bucket first
 * (a file the platform refuses for good is left out and noted in {@code metadata.mediaUnavailable}),
 * then contact, conversation, message, attachments, conversation activity and the realtime events
 * are written in one transaction, and in it the away reply when one is due ({@link AwayReplies}). A customer met for the first time whom the payload does not name
 * is looked up once through {@link IncomingNormalizer#profile}, before that transaction.
 */
@Singleton
public final class InboundMessages {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final Database database;
    private final InboundContacts contacts;
    private final InboundConversations conversations;
    private final InboundMediaStore media;
    private final MessageStore messages;
    private final AttachmentStore attachments;
    private final ConversationStore conversationStore;
    private final ContactStore contactStore;
    private final DomainEvents events;
    private final AwayReplies away;
    private final ArrivalRouting arrivals;
    private final ConversationRouter router;

    @Inject
    public InboundMessages(Database database, InboundContacts contacts, InboundConversations conversations,
                           InboundMediaStore media, MessageStore messages, AttachmentStore attachments,
                           ConversationStore conversationStore, ContactStore contactStore, DomainEvents events,
                           AwayReplies away, ArrivalRouting arrivals, ConversationRouter router) {
        this.database = database;
        this.contacts = contacts;
        this.conversations = conversations;
        this.media = media;
        this.messages = messages;
        this.attachments = attachments;
        this.conversationStore = conversationStore;
        this.contactStore = contactStore;
        this.events = events;
        this.away = away;
        this.arrivals = arrivals;
        this.router = router;
    }

    /** The stored message's id, or empty when it was stored before. */
    public Optional<UUID> store(IncomingNormalizer normalizer, ChannelConnection connection, InboundMessage message) {
        if (!message.media().isEmpty() && database.read(c -> stored(c, connection, message.externalId()))) {
            return Optional.empty(); // before downloading anything again
        }
        InboundMediaStore.Result files = media.store(normalizer, connection, message);
        Optional<CustomerProfile> profile = newcomerProfile(normalizer, connection, message.from());
        InboundMessage named = profile.map(p -> p.displayName() == null ? message : withName(message, p.displayName()))
                .orElse(message);
        String avatarUrl = profile.map(CustomerProfile::avatarUrl).orElse(null);
        Stored stored;
        try {
            stored = database.transaction(c -> stored(c, connection, named.externalId()) ? null
                    : insert(c, connection, named, avatarUrl, files.stored(), files.unavailable()));
        } catch (Duplicate e) {
            return Optional.empty(); // a concurrent consumer stored it first; our conversation rolled back too
        }
        if (stored == null) {
            return Optional.empty();
        }
        // with no connection held: the decision takes the organization's assignment lock
        stored.routing().ifPresent(p -> router.routeQuietly(p.organizationId(), p.conversationId(), p.trigger()));
        return Optional.of(stored.messageId());
    }

    /** The stored message, and its conversation's routing to decide once it has committed. */
    private record Stored(UUID messageId, Optional<ArrivalRouting.Pending> routing) {
    }

    /**
     * The platform's profile of a customer the inbox meets for the first time and the payload did
     * not name, looked up before the transaction (no connection held during a platform call). Asked
     * once: a failure leaves the contact nameless and the next message finds the identity known.
     */
    private Optional<CustomerProfile> newcomerProfile(IncomingNormalizer normalizer, ChannelConnection connection,
                                                      Customer from) {
        if (!normalizer.looksUpProfiles() || from.displayName() != null && !from.displayName().isBlank()) {
            return Optional.empty();
        }
        boolean known = database.read(c -> contactStore.findByIdentity(c, connection.organizationId(),
                connection.channel(), from.identifier()).isPresent());
        if (known) {
            return Optional.empty();
        }
        try {
            return normalizer.profile(connection, from.identifier()).filter(p -> !p.isEmpty());
        } catch (RuntimeException e) { // a normalizer breaking its contract must not cost the message
            LOG.warn("{} profile lookup on connection {} failed: {}", connection.channel().wireName(), connection.id(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static InboundMessage withName(InboundMessage m, String name) {
        Customer from = m.from();
        return new InboundMessage(m.externalId(), new Customer(from.identifier(), name, from.phone(), from.email()),
                m.sentAt(), m.type(), m.text(), m.metadata(), m.media(), m.replyTo(), m.references());
    }

    private static boolean stored(Connection c, ChannelConnection connection, String externalId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM messages WHERE channel_connection_id = ? AND external_id = ?",
                r -> 1, connection.id(), externalId).isPresent();
    }

    private Stored insert(Connection c, ChannelConnection connection, InboundMessage message, String avatarUrl,
                        List<StoredMedia> files, List<UnavailableMedia> unavailable) throws SQLException {
        UUID organizationId = connection.organizationId();
        Channel channel = connection.channel();
        InboundContacts.Resolved contact = contacts.resolve(c, organizationId, channel, connection.id(), message.from(),
                avatarUrl);
        InboundConversations.Routed conversation = conversations.route(c, connection, contact.contactId(), message);
        UUID conversationId = conversation.conversationId();

        // Templates are ours to send: a customer's message claiming to be one is a normalizer's mistake.
        MessageType type = message.type() == MessageType.TEMPLATE ? MessageType.UNSUPPORTED : message.type();
        if (type != message.type()) {
            LOG.warn("{} message {}: type '{}' stored as unsupported", channel.wireName(), message.externalId(),
                    message.type().wireName());
        }
        ObjectNode metadata = message.metadata().deepCopy();
        if (message.replyTo() != null && !metadata.has("replyTo")) {
            metadata.put("replyTo", message.replyTo());
        }
        if (!unavailable.isEmpty()) {
            // The message without the file beats no message: the agent sees what the customer sent and why it is missing.
            ArrayNode notes = metadata.putArray("mediaUnavailable");
            for (UnavailableMedia missing : unavailable) {
                notes.addObject().put("reference", missing.media().reference())
                        .put("contentType", missing.media().contentType())
                        .put("fileName", missing.media().fileName())
                        .put("reason", missing.reason());
            }
        }
        UUID id = Ids.newId();
        MessageView stored = messages.insertInbound(c, id, organizationId, conversationId, connection.id(), type,
                message.text(), metadata, message.externalId(), message.sentAt()).orElseThrow(Duplicate::new);
        List<AttachmentView> storedFiles = new ArrayList<>();
        for (StoredMedia file : files) {
            storedFiles.add(attachments.insertInbound(c, organizationId, conversationId, id, file.key(), file.fileName(),
                    file.contentType(), file.sizeBytes()));
        }
        conversationStore.recordInbound(c, conversationId, message.sentAt(), Previews.of(type, message.text()));

        if (conversation.created()) {
            // As an agent who has read nothing sees it: the event goes to every agent of the organization.
            Caller nobody = new Caller(null, organizationId, Role.AGENT);
            events.emit(c, organizationId, conversationId, DomainEvents.CONVERSATION_NEW, Map.of(
                    "conversation", conversationStore.summary(c, nobody, conversationId).orElseThrow(),
                    "contact", contactStore.find(c, organizationId, contact.contactId()).orElseThrow()));
        }
        // Announced as stored, without reading it back: one message, three queries fewer per delivery.
        storedFiles.sort(Comparator.comparing(AttachmentView::id));
        events.emit(c, organizationId, conversationId, DomainEvents.MESSAGE_RECEIVED, Map.of(
                "message", stored.with(storedFiles, List.of()),
                "conversationId", conversationId));
        away.afterCustomerMessage(c, organizationId, conversationId, channel, message);
        return new Stored(id, conversation.created() || conversation.reopened()
                ? arrivals.arrived(c, organizationId, conversationId, conversation.reopened()) : Optional.empty());
    }

    /** The message was stored concurrently: roll back everything this transaction did for it. */
    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super(null, null, false, false);
        }
    }
}
