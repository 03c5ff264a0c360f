package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rows for a scenario, written with plain SQL so tests state their "given" directly. Each test
 * works in an organization of its own.
 */
public final class Fixtures {
    private final DataSource dataSource;

    public Fixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Fixtures onTestDatabase() {
        return new Fixtures(TestDatabase.dataSource());
    }

    public UUID organization(String name) {
        UUID id = Ids.newId();
        exec("INSERT INTO organizations (id, name) VALUES (?, ?)", id, name);
        return id;
    }

    public Caller user(UUID organizationId, String name, Role role) {
        UUID id = Ids.newId();
        exec("INSERT INTO users (id, organization_id, email, name, role) VALUES (?, ?, ?, ?, ?)",
                id, organizationId, name.toLowerCase().replace(' ', '.') + "." + id + "@example.test", name,
                role.name().toLowerCase());
        return new Caller(id, organizationId, role);
    }

    public UUID team(UUID organizationId, String name, Caller... members) {
        UUID id = Ids.newId();
        exec("INSERT INTO teams (id, organization_id, name) VALUES (?, ?, ?)", id, organizationId, name);
        for (Caller member : members) {
            exec("INSERT INTO team_members (organization_id, team_id, user_id) VALUES (?, ?, ?)",
                    organizationId, id, member.userId());
        }
        return id;
    }

    public UUID channelConnection(UUID organizationId, String channel) {
        UUID id = Ids.newId();
        exec("INSERT INTO channel_connections (id, organization_id, channel, name, external_id) VALUES (?, ?, ?, ?, ?)",
                id, organizationId, channel, channel + " line", channel + "-" + id);
        return id;
    }

    /**
     * A live connection of a platform account, its secrets encrypted as the channels API stores them.
     * {@code config} is a JSON object of non-secret settings.
     */
    public UUID channelConnection(UUID organizationId, Channel channel, String externalId, String config,
                                  Map<String, String> secrets) {
        UUID id = Ids.newId();
        CredentialCipher cipher = new CredentialCipher(TestDatabase.config());
        exec("""
                INSERT INTO channel_connections (id, organization_id, channel, name, external_id, config,
                                                 credentials_encrypted, credentials_key_id)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""",
                id, organizationId, channel.wireName(), channel.wireName() + " " + externalId, externalId,
                config == null ? "{}" : config, cipher.encrypt(id, new Secrets(secrets)), cipher.keyId());
        return id;
    }

    /** A contact with one identity on the given channel. */
    public UUID contact(UUID organizationId, String name, String channel, String identifier) {
        UUID id = Ids.newId();
        exec("INSERT INTO contacts (id, organization_id, name) VALUES (?, ?, ?)", id, organizationId, name);
        exec("INSERT INTO contact_identities (id, organization_id, contact_id, channel, identifier) VALUES (?, ?, ?, ?, ?)",
                Ids.newId(), organizationId, id, channel, identifier);
        return id;
    }

    public UUID label(UUID organizationId, String name, String color) {
        UUID id = Ids.newId();
        exec("INSERT INTO labels (id, organization_id, name, color) VALUES (?, ?, ?, ?)", id, organizationId, name, color);
        return id;
    }

    /** What a conversation fixture looks like; the defaults are a new, unassigned conversation. */
    public record ConversationSpec(String status, UUID assigneeUser, UUID assigneeTeam, Instant lastMessageAt,
                                   List<UUID> labels) {
        public static ConversationSpec open(Instant lastMessageAt) {
            return new ConversationSpec("new", null, null, lastMessageAt, List.of());
        }

        public ConversationSpec status(String value) {
            return new ConversationSpec(value, assigneeUser, assigneeTeam, lastMessageAt, labels);
        }

        public ConversationSpec assignedTo(UUID user) {
            return new ConversationSpec(status, user, assigneeTeam, lastMessageAt, labels);
        }

        public ConversationSpec team(UUID team) {
            return new ConversationSpec(status, assigneeUser, team, lastMessageAt, labels);
        }

        public ConversationSpec labels(UUID... ids) {
            return new ConversationSpec(status, assigneeUser, assigneeTeam, lastMessageAt, List.of(ids));
        }
    }

    public UUID conversation(UUID organizationId, UUID contactId, String channel, ConversationSpec spec) {
        UUID id = Ids.newId();
        exec("INSERT INTO conversations (id, organization_id, contact_id, channel, status, assignee_user_id, assignee_team_id,"
                        + " last_message_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, organizationId, contactId, channel, spec.status(), spec.assigneeUser(), spec.assigneeTeam(),
                spec.lastMessageAt(), spec.lastMessageAt());
        for (UUID label : spec.labels()) {
            exec("INSERT INTO conversation_labels (organization_id, conversation_id, label_id) VALUES (?, ?, ?)",
                    organizationId, id, label);
        }
        return id;
    }

    /** An inbound (customer) message; also moves the conversation's last activity to it. */
    public UUID inboundMessage(UUID organizationId, UUID conversationId, String content, Instant at) {
        UUID id = Ids.newId();
        exec("INSERT INTO messages (id, organization_id, conversation_id, direction, sender_type, content,"
                        + " platform_timestamp, created_at) VALUES (?, ?, ?, 'inbound', 'contact', ?, ?, ?)",
                id, organizationId, conversationId, content, at, at);
        exec("UPDATE conversations SET last_message_at = greatest(last_message_at, ?), last_inbound_at = ?,"
                        + " last_message_preview = ? WHERE id = ?",
                at, at, content, conversationId);
        return id;
    }

    /** The claims API Gateway's JWT authorizer would put on a request by this caller. */
    public static Map<String, String> claims(Caller caller) {
        return Map.of(Caller.CLAIM_USER, caller.userId().toString(),
                Caller.CLAIM_ORGANIZATION, caller.organizationId().toString(),
                Caller.CLAIM_ROLE, caller.role().name().toLowerCase());
    }

    public long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.one(c, sql, row -> row.getLong(1), params).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One text value, e.g. an id the test did not create itself. */
    public String one(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.one(c, sql, row -> row.getString(1), params).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> list(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.list(c, sql, row -> row.getString(1), params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void exec(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who holds the conversation now; null when nobody does. */
    public UUID assignee(UUID conversation) {
        String id = list("SELECT assignee_user_id::text FROM conversations WHERE id = ?", conversation).get(0);
        return id == null ? null : UUID.fromString(id);
    }

    /** Whether the conversation waits in its team's assignment queue. */
    public boolean queued(UUID conversation) {
        return count("SELECT count(*) FROM conversation_routing WHERE conversation_id = ? AND queued_at IS NOT NULL",
                conversation) == 1;
    }
}
