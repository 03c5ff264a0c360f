package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Channel connections in PostgreSQL, with their credentials decrypted on the way out. */
@Singleton
public final class ConnectionRepository implements ConnectionDirectory {
    static final String SELECT = """
            SELECT id, organization_id, channel, external_id, name, status, config, credentials_encrypted
              FROM channel_connections""";

    private final Database database;
    private final CredentialCipher cipher;

    @Inject
    public ConnectionRepository(Database database, CredentialCipher cipher) {
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

    /** Every active connection of a channel, across organizations (the email poller's mailboxes), oldest first. */
    public List<ChannelConnection> listActive(Channel channel) {
        return database.read(c -> Sql.list(c, SELECT + " WHERE channel = ? AND status = 'active' ORDER BY id",
                this::connection, channel.wireName()));
    }

    ChannelConnection connection(ResultSet row) throws SQLException {
        UUID id = Sql.uuid(row, "id");
        try {
            return new ChannelConnection(id, Sql.uuid(row, "organization_id"),
                    Channel.parse(row.getString("channel")).orElseThrow(), row.getString("external_id"),
                    row.getString("name"), row.getString("status"), Json.mapper().readTree(row.getString("config")),
                    cipher.decrypt(id, row.getBytes("credentials_encrypted")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("channel_connections.config of " + id + " is not JSON", e);
        }
    }
}
