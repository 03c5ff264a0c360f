package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.platform.db.Sql;
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
    @Inject
    public InboundContacts() {
    }

    /** The contact, and whether this call created it. */
    public record Resolved(UUID contactId, boolean created) {
    }

    public Optional<UUID> find(Connection c, UUID organizationId, String channel, String identifier) throws SQLException {
        return Sql.one(c, """
                SELECT contact_id FROM contact_identities WHERE organization_id = ? AND channel = ? AND identifier = ?""",
                r -> Sql.uuid(r, "contact_id"), organizationId, channel, identifier);
    }

    public Resolved resolve(Connection c, UUID organizationId, String channel, UUID connectionId, Customer customer)
            throws SQLException {
        return resolve(c, organizationId, channel, connectionId, customer, null);
    }

    /** As above; {@code avatarUrl} (a looked-up profile picture, or null) goes on a contact this call creates. */
    public Resolved resolve(Connection c, UUID organizationId, String channel, UUID connectionId, Customer customer,
                            String avatarUrl) throws SQLException {
        Optional<UUID> known = find(c, organizationId, channel, customer.identifier());
        if (known.isPresent()) {
            learnName(c, organizationId, known.get(), channel, customer);
            return new Resolved(known.get(), false);
        }
        UUID contactId = Ids.newId();
        Sql.update(c, "INSERT INTO contacts (id, organization_id, name, email, phone, avatar_url) VALUES (?, ?, ?, ?, ?, ?)",
                contactId, organizationId, customer.displayName(), customer.email(), customer.phone(), avatarUrl);
        int inserted = Sql.update(c, """
                INSERT INTO contact_identities (id, organization_id, contact_id, channel, identifier, display_name,
                                                channel_connection_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, channel, identifier) DO NOTHING""",
                Ids.newId(), organizationId, contactId, channel, customer.identifier(), customer.displayName(), connectionId);
        if (inserted == 1) {
            return new Resolved(contactId, true);
        }
        // A concurrent transaction created this identity first: use its contact, drop ours.
        Sql.update(c, "DELETE FROM contacts WHERE organization_id = ? AND id = ?", organizationId, contactId);
        UUID winner = find(c, organizationId, channel, customer.identifier()).orElseThrow();
        learnName(c, organizationId, winner, channel, customer);
        return new Resolved(winner, false);
    }

    /** A name the platform tells later (a first message without a profile) fills the gaps, never overwrites. */
    private static void learnName(Connection c, UUID organizationId, UUID contactId, String channel, Customer customer)
            throws SQLException {
        if (customer.displayName() == null || customer.displayName().isBlank()) {
            return;
        }
        Sql.update(c, """
                UPDATE contact_identities SET display_name = ?
                 WHERE organization_id = ? AND channel = ? AND identifier = ? AND display_name IS NULL""",
                customer.displayName(), organizationId, channel, customer.identifier());
        Sql.update(c, "UPDATE contacts SET name = ?, updated_at = now() WHERE organization_id = ? AND id = ? AND name IS NULL",
                customer.displayName(), organizationId, contactId);
    }
}
