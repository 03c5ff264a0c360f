package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a customer does to messages already there: edits their own message, reacts to any
 * message of the conversation. Both are idempotent (a redelivered record changes nothing more);
 * a target we never stored is logged and skipped, not an error that would block the queue.
 */
@Singleton
public final class InboundUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(InboundUpdates.class);
    static final int MAX_EMOJI = 32;

    private final Database database;
    private final ContactStore contacts;
    private final MessageStore messages;

    @Inject
    public InboundUpdates(Database database, ContactStore contacts, MessageStore messages) {
        this.database = database;
        this.contacts = contacts;
        this.messages = messages;
    }

    /** The customer's new text for their message; an older edit arriving late does not win. */
    public boolean edit(ChannelConnection connection, MessageEdit edit) {
        boolean applied = database.transaction(c -> messages.applyEdit(c, connection.organizationId(), connection.id(),
                edit.externalId(), edit.text(), edit.editedAt()));
        if (!applied) {
            LOG.info("{} edit of message {} skipped: not stored (or a newer edit is)", connection, edit.externalId());
        }
        return applied;
    }

    /** One reaction per contact and message: an emoji replaces theirs, none removes it. */
    public boolean react(ChannelConnection connection, Reaction reaction) {
        String emoji = reaction.emoji() == null ? "" : reaction.emoji().strip();
        if (emoji.length() > MAX_EMOJI) {
            LOG.warn("{} reaction on {} skipped: {} characters", connection, reaction.targetExternalId(), emoji.length());
            return false;
        }
        return database.transaction(c -> {
            Optional<UUID> message = Sql.one(c, """
                    SELECT id FROM messages WHERE organization_id = ? AND channel_connection_id = ? AND external_id = ?""",
                    r -> Sql.uuid(r, "id"), connection.organizationId(), connection.id(), reaction.targetExternalId());
            Optional<UUID> contact = reaction.from() == null ? Optional.empty()
                    : contacts.findByIdentity(c, connection.organizationId(), connection.channel(),
                            reaction.from().identifier());
            if (message.isEmpty() || contact.isEmpty()) {
                LOG.info("{} reaction on {} skipped: message or customer unknown", connection, reaction.targetExternalId());
                return false;
            }
            messages.setContactReaction(c, connection.organizationId(), message.get(), contact.get(), emoji);
            return true;
        });
    }
}
