package com.unifiedbeez.inbox.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.ObservedConnections;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The channel connection aggregate's store: channel connections in PostgreSQL, with their
 * credentials decrypted on the way out, and the only writer of {@code channel_connections}
 * (connect, renew, disconnect, health).
 */
@Singleton
public final class ConnectionStore implements ConnectionDirectory, ObservedConnections {
    static final String SELECT = """
            SELECT id, organization_id, channel, external_id, name, status, config, credentials_encrypted
              FROM channel_connections""";
    private static final String SELECT_VIEW = """
            SELECT id, channel, name, external_id, status, config, last_health_at, last_health_status,
                   last_health_detail, created_at, disconnected_at
              FROM channel_connections""";
    private static final int MAX_DETAIL = 1000;

    /** The row a connect of a platform account would renew, or collides with. */
    public record Claim(UUID id, UUID organizationId, boolean live) {
    }

    private final Database database;
    private final CredentialCipher cipher;

    @Inject
    public ConnectionStore(Database database, CredentialCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    @Override
    public Optional<ChannelConnection> findLive(Channel channel, String externalId) {
        return database.read(c -> Sql.one(c, SELECT + " WHERE channel = ? AND external_id = ? AND status <> 'disconnected'",
                this::connection, channel.wireName(), externalId));
    }

    @Override
    public Optional<ChannelConnection> find(UUID id) {
        return database.read(c -> Sql.one(c, SELECT + " WHERE id = ?", this::connection, id));
    }

    /** A connection of the organization, decrypted; empty for another organization's id. */
    public Optional<ChannelConnection> find(UUID organizationId, UUID id) {
        return database.read(c -> Sql.one(c, SELECT + " WHERE organization_id = ? AND id = ?", this::connection,
                organizationId, id));
    }

    public List<ConnectionView> views(UUID organizationId) {
        return database.read(c -> Sql.list(c, SELECT_VIEW + " WHERE organization_id = ? ORDER BY created_at, id",
                ConnectionStore::view, organizationId));
    }

    /**
     * The live connection of the account in any organization or, failing that, the organization's
     * own latest disconnected one (reconnecting it keeps the id its conversations point at).
     */
    public Optional<Claim> claim(Channel channel, String externalId, UUID organizationId) {
        return database.read(c -> Sql.one(c, """
                SELECT id, organization_id, status <> 'disconnected' AS live FROM channel_connections
                 WHERE channel = ? AND external_id = ? AND (status <> 'disconnected' OR organization_id = ?)
                 ORDER BY (status <> 'disconnected') DESC, created_at DESC
                 LIMIT 1""",
                r -> new Claim(Sql.uuid(r, "id"), Sql.uuid(r, "organization_id"), r.getBoolean("live")),
                channel.wireName(), externalId, organizationId));
    }

    /** Stores a verified new connection; the live unique index rejects an account live elsewhere (23505). */
    public ConnectionView insert(ChannelConnection connection, byte[] credentials, HealthReport verified, Instant at) {
        return database.transaction(c -> {
            Sql.update(c, """
                    INSERT INTO channel_connections (id, organization_id, channel, name, external_id, status, config,
                        credentials_encrypted, credentials_key_id, last_health_at, last_health_status, last_health_detail,
                        created_at)
                    VALUES (?, ?, ?, ?, ?, 'active', ?::jsonb, ?, ?, ?, ?, ?, ?)""",
                    connection.id(), connection.organizationId(), connection.channel().wireName(), connection.name(),
                    connection.externalId(), Json.write(connection.config()), credentials, cipher.keyId(), at,
                    HealthStatus.OK.wireName(), detail(verified), at);
            return requireView(c, connection.organizationId(), connection.id());
        });
    }

    /** Renews the organization's connection of the same account: new credentials and settings, live again. */
    public ConnectionView renew(ChannelConnection connection, byte[] credentials, HealthReport verified, Instant at) {
        return database.transaction(c -> {
            Sql.update(c, """
                    UPDATE channel_connections
                       SET name = ?, status = 'active', config = ?::jsonb, credentials_encrypted = ?, credentials_key_id = ?,
                           last_health_at = ?, last_health_status = ?, last_health_detail = ?, consecutive_failures = 0,
                           disconnected_at = NULL
                     WHERE organization_id = ? AND id = ?""",
                    connection.name(), Json.write(connection.config()), credentials, cipher.keyId(), at,
                    HealthStatus.OK.wireName(), detail(verified), connection.organizationId(), connection.id());
            return requireView(c, connection.organizationId(), connection.id());
        });
    }

    /** Disconnects and wipes the credentials; false when the organization has no such connection. */
    public boolean disconnect(UUID organizationId, UUID id, Instant at) {
        return database.transaction(c -> Sql.update(c, """
                UPDATE channel_connections
                   SET status = 'disconnected', disconnected_at = coalesce(disconnected_at, ?),
                       credentials_encrypted = NULL, credentials_key_id = NULL
                 WHERE organization_id = ? AND id = ?""", at, organizationId, id) == 1);
    }

    /**
     * Records a member's health check: what the platform said, shown on the connection. It never
     * moves the connection's status nor its failure count — anyone may run a check, and one failed
     * look (a platform hiccup) must not stop routing or polling.
     */
    public void recordCheck(UUID organizationId, UUID id, HealthReport report, Instant at) {
        database.transaction(c -> Sql.update(c, """
                UPDATE channel_connections
                   SET last_health_at = ?, last_health_status = ?, last_health_detail = ?
                 WHERE organization_id = ? AND id = ? AND status <> 'disconnected'""",
                at, HealthStatus.of(report.healthy()).wireName(), detail(report), organizationId, id));
    }

    @Override
    public Observed recordObserved(ChannelConnection connection, boolean ok, String detail, Instant at) {
        String clipped = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        Sql.RowMapper<Observed> observed = row -> new Observed(row.getString("status"), row.getInt("consecutive_failures"));
        return database.transaction(c -> ok
                ? Sql.one(c, """
                        UPDATE channel_connections
                           SET last_health_at = ?, last_health_status = ?, last_health_detail = ?, consecutive_failures = 0,
                               status = CASE WHEN status = 'error' THEN 'active' ELSE status END
                         WHERE organization_id = ? AND id = ? AND status <> 'disconnected'
                        RETURNING status, consecutive_failures""", observed,
                        at, HealthStatus.OK.wireName(), clipped, connection.organizationId(), connection.id())
                : Sql.one(c, """
                        UPDATE channel_connections
                           SET last_health_at = ?, last_health_status = ?, last_health_detail = ?,
                               consecutive_failures = consecutive_failures + 1,
                               status = CASE WHEN consecutive_failures + 1 >= ? THEN 'error' ELSE status END
                         WHERE organization_id = ? AND id = ? AND status <> 'disconnected'
                        RETURNING status, consecutive_failures""", observed,
                        at, HealthStatus.FAILED.wireName(), clipped, FAILURES_TO_ERROR, connection.organizationId(),
                        connection.id()))
                .orElse(new Observed("disconnected", 0));
    }

    private static String detail(HealthReport report) {
        String summary = report.summary();
        return summary.length() > MAX_DETAIL ? summary.substring(0, MAX_DETAIL) : summary;
    }

    private static ConnectionView requireView(Connection c, UUID organizationId, UUID id) throws SQLException {
        return Sql.one(c, SELECT_VIEW + " WHERE organization_id = ? AND id = ?", ConnectionStore::view, organizationId, id)
                .orElseThrow(() -> new IllegalStateException("connection " + id + " vanished while being written"));
    }

    private static ConnectionView view(ResultSet row) throws SQLException {
        return new ConnectionView(Sql.uuid(row, "id"), Channel.parse(row.getString("channel")).orElseThrow(),
                row.getString("name"), row.getString("external_id"), row.getString("status"), ConnectionView.withoutSecrets(config(row)),
                Sql.instant(row, "last_health_at"), row.getString("last_health_status"), row.getString("last_health_detail"),
                Sql.instant(row, "created_at"), Sql.instant(row, "disconnected_at"));
    }

    @Override
    public List<ChannelConnection> listLive(Channel channel) {
        return database.read(c -> Sql.list(c, SELECT + " WHERE channel = ? AND status <> 'disconnected' ORDER BY id",
                this::connection, channel.wireName()));
    }

    /** The organization's live connections of a channel, decrypted: healthy ones first, then oldest first. */
    public List<ChannelConnection> listLive(UUID organizationId, Channel channel) {
        return database.read(c -> Sql.list(c, SELECT + " WHERE organization_id = ? AND channel = ?"
                        + " AND status <> 'disconnected' ORDER BY status <> 'active', created_at, id",
                this::connection, organizationId, channel.wireName()));
    }

    private static JsonNode config(ResultSet row) throws SQLException {
        try {
            return Json.mapper().readTree(row.getString("config"));
        } catch (JsonProcessingException e) {
            throw new SQLException("channel_connections.config of " + row.getString("id") + " is not JSON", e);
        }
    }

    ChannelConnection connection(ResultSet row) throws SQLException {
        UUID id = Sql.uuid(row, "id");
        return new ChannelConnection(id, Sql.uuid(row, "organization_id"),
                Channel.parse(row.getString("channel")).orElseThrow(), row.getString("external_id"),
                row.getString("name"), row.getString("status"), config(row),
                cipher.decrypt(id, row.getBytes("credentials_encrypted")));
    }
}
