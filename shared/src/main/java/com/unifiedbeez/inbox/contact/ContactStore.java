package com.unifiedbeez.inbox.contact;

import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Contacts and their channel identities, organization-scoped. */
@Singleton
public final class ContactStore {
    @Inject
    public ContactStore() {
    }

    public Optional<ContactView> find(Connection c, UUID organizationId, UUID id) throws SQLException {
        List<ContactView.Identity> identities = Sql.list(c, """
                SELECT channel, identifier, display_name FROM contact_identities
                 WHERE organization_id = ? AND contact_id = ? ORDER BY channel, identifier""",
                r -> new ContactView.Identity(r.getString("channel"), r.getString("identifier"), r.getString("display_name")),
                organizationId, id);
        return Sql.one(c, "SELECT id, name, email, phone, avatar_url, created_at FROM contacts WHERE organization_id = ? AND id = ?",
                r -> new ContactView(Sql.uuid(r, "id"), r.getString("name"), r.getString("email"), r.getString("phone"),
                        r.getString("avatar_url"), identities, Sql.instant(r, "created_at")),
                organizationId, id);
    }

    /** The identity of a contact on a channel, with the connection it came in through (if known). */
    public record ChannelIdentity(String identifier, UUID channelConnectionId) {
    }

    public Optional<ChannelIdentity> identity(Connection c, UUID organizationId, UUID contactId, String channel) throws SQLException {
        return Sql.one(c, """
                SELECT identifier, channel_connection_id FROM contact_identities
                 WHERE organization_id = ? AND contact_id = ? AND channel = ? ORDER BY created_at LIMIT 1""",
                r -> new ChannelIdentity(r.getString("identifier"), Sql.uuid(r, "channel_connection_id")),
                organizationId, contactId, channel);
    }
}
