package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The contact behind a channel identity (wa_id, PSID, chat id, phone, address), per organization:
 * found, or created with what the platform tells of the customer. Two normalizers racing on a new
 * customer (two connections of one organization) end with one contact: the identity's unique key
 * decides, and the loser's contact row is dropped again.
 */
@Singleton
public final class InboundContacts {
    private final ContactStore contacts;

    @Inject
    public InboundContacts(ContactStore contacts) {
        this.contacts = contacts;
    }

    /** The contact, and whether this call created it. */
    public record Resolved(UUID contactId, boolean created) {
    }

    public Resolved resolve(Connection c, UUID organizationId, Channel channel, UUID connectionId, Customer customer)
            throws SQLException {
        return resolve(c, organizationId, channel, connectionId, customer, null);
    }

    /** As above; {@code avatarUrl} (a looked-up profile picture, or null) goes on a contact this call creates. */
    public Resolved resolve(Connection c, UUID organizationId, Channel channel, UUID connectionId, Customer customer,
                            String avatarUrl) throws SQLException {
        Optional<UUID> known = contacts.findByIdentity(c, organizationId, channel, customer.identifier());
        if (known.isPresent()) {
            learnName(c, organizationId, known.get(), channel, customer);
            return new Resolved(known.get(), false);
        }
        UUID contactId = Ids.newId();
        contacts.insert(c, contactId, organizationId, customer.displayName(), customer.email(), customer.phone(), avatarUrl);
        if (contacts.insertIdentity(c, organizationId, contactId, channel, customer.identifier(), customer.displayName(),
                connectionId)) {
            return new Resolved(contactId, true);
        }
        // A concurrent transaction created this identity first: use its contact, drop ours.
        contacts.delete(c, organizationId, contactId);
        UUID winner = contacts.findByIdentity(c, organizationId, channel, customer.identifier()).orElseThrow();
        learnName(c, organizationId, winner, channel, customer);
        return new Resolved(winner, false);
    }

    /** A name the platform tells later (a first message without a profile) fills the gaps, never overwrites. */
    private void learnName(Connection c, UUID organizationId, UUID contactId, Channel channel, Customer customer)
            throws SQLException {
        if (customer.displayName() == null || customer.displayName().isBlank()) {
            return;
        }
        contacts.fillName(c, organizationId, contactId, channel, customer.identifier(), customer.displayName());
    }
}
