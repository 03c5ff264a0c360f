package com.unifiedbeez.inbox.contact;

import com.unifiedbeez.inbox.channel.Channel;
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
 * The contact aggregate's store: contacts and their channel identities, organization-scoped, and
 * the only writer of {@code contacts} and {@code contact_identities}. Who a customer is (found,
 * created, named) is decided by the services that call it. A change of a known contact is announced
 * with {@code contact:updated} {@code {contactId, updates}} (only the fields that changed).
 */
@Singleton
public final class ContactStore {
    private final DomainEvents events;

    @Inject
    public ContactStore(DomainEvents events) {
        this.events = events;
    }

    public Optional<ContactView> find(Connection c, UUID organizationId, UUID id) throws SQLException {
        List<ContactView.Identity> identities = Sql.list(c, """
                SELECT channel, identifier, display_name FROM contact_identities
                 WHERE organization_id = ? AND contact_id = ? ORDER BY channel, identifier""",
                r -> new ContactView.Identity(Channel.parse(r.getString("channel")).orElseThrow(), r.getString("identifier"),
                        r.getString("display_name")),
                organizationId, id);
        return Sql.one(c, "SELECT id, name, email, phone, avatar_url, created_at FROM contacts WHERE organization_id = ? AND id = ?",
                r -> new ContactView(Sql.uuid(r, "id"), r.getString("name"), r.getString("email"), r.getString("phone"),
                        r.getString("avatar_url"), identities, Sql.instant(r, "created_at")),
                organizationId, id);
    }

    /** The contact behind a channel identity (wa_id, PSID, chat id, phone, address). */
    public Optional<UUID> findByIdentity(Connection c, UUID organizationId, Channel channel, String identifier)
            throws SQLException {
        return Sql.one(c, """
                SELECT contact_id FROM contact_identities WHERE organization_id = ? AND channel = ? AND identifier = ?""",
                r -> Sql.uuid(r, "contact_id"), organizationId, channel, identifier);
    }

    public void insert(Connection c, UUID id, UUID organizationId, String name, String email, String phone,
                       String avatarUrl) throws SQLException {
        Sql.update(c, "INSERT INTO contacts (id, organization_id, name, email, phone, avatar_url) VALUES (?, ?, ?, ?, ?, ?)",
                id, organizationId, name, email, phone, avatarUrl);
    }

    /**
     * Gives the contact a channel identity; false when the identity is already another contact's
     * (its unique key decides between two transactions creating the same customer).
     */
    public boolean insertIdentity(Connection c, UUID organizationId, UUID contactId, Channel channel, String identifier,
                                  String displayName, UUID connectionId) throws SQLException {
        return Sql.update(c, """
                INSERT INTO contact_identities (id, organization_id, contact_id, channel, identifier, display_name,
                                                channel_connection_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, channel, identifier) DO NOTHING""",
                Ids.newId(), organizationId, contactId, channel, identifier, displayName, connectionId) == 1;
    }

    public void delete(Connection c, UUID organizationId, UUID id) throws SQLException {
        Sql.update(c, "DELETE FROM contacts WHERE organization_id = ? AND id = ?", organizationId, id);
    }

    /** A name learnt later fills the identity's and the contact's gaps, never overwrites one. */
    public void fillName(Connection c, UUID organizationId, UUID contactId, Channel channel, String identifier,
                         String name) throws SQLException {
        Sql.update(c, """
                UPDATE contact_identities SET display_name = ?
                 WHERE organization_id = ? AND channel = ? AND identifier = ? AND display_name IS NULL""",
                name, organizationId, channel, identifier);
        int named = Sql.update(c,
                "UPDATE contacts SET name = ?, updated_at = now() WHERE organization_id = ? AND id = ? AND name IS NULL",
                name, organizationId, contactId);
        if (named == 1) {
            events.emit(c, organizationId, null, DomainEvents.CONTACT_UPDATED,
                    Map.of("contactId", contactId, "updates", Map.of("name", name)));
        }
    }

    /** The identity of a contact on a channel, with the connection it came in through (if known). */
    public record ChannelIdentity(String identifier, UUID channelConnectionId) {
    }

    public Optional<ChannelIdentity> identity(Connection c, UUID organizationId, UUID contactId, Channel channel)
            throws SQLException {
        return Sql.one(c, """
                SELECT identifier, channel_connection_id FROM contact_identities
                 WHERE organization_id = ? AND contact_id = ? AND channel = ? ORDER BY created_at LIMIT 1""",
                r -> new ChannelIdentity(r.getString("identifier"), Sql.uuid(r, "channel_connection_id")),
                organizationId, contactId, channel);
    }
}
