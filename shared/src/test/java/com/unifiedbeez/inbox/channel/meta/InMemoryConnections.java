package com.unifiedbeez.inbox.channel.meta;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A connection directory over a fixed list of connections, for adapter tests that need no database. */
public record InMemoryConnections(List<ChannelConnection> connections) implements ConnectionDirectory {
    public static InMemoryConnections of(ChannelConnection... connections) {
        return new InMemoryConnections(List.of(connections));
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
