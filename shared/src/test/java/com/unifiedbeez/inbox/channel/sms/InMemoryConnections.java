package com.unifiedbeez.inbox.channel.sms;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The connections of a test, in memory: the same lookups ConnectionRepository answers from PostgreSQL. */
final class InMemoryConnections implements ConnectionDirectory {
    private final List<ChannelConnection> connections;

    InMemoryConnections(ChannelConnection... connections) {
        this.connections = List.of(connections);
    }

    @Override
    public Optional<ChannelConnection> findLive(Channel channel, String externalId) {
        return connections.stream()
                .filter(c -> c.channel() == channel && c.externalId().equals(externalId) && !"disconnected".equals(c.status()))
                .findFirst();
    }

    @Override
    public Optional<ChannelConnection> find(UUID id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
