package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A connection directory over a fixed list of connections, for adapter tests that need no database:
 * the same lookups ConnectionStore answers from PostgreSQL. Counts {@link #findLive} calls so a
 * test can show a rejected request never reached the directory.
 */
public final class InMemoryConnections implements ConnectionDirectory {
    private final List<ChannelConnection> connections;
    private int lookups;

    private InMemoryConnections(List<ChannelConnection> connections) {
        this.connections = List.copyOf(connections);
    }

    public static InMemoryConnections of(ChannelConnection... connections) {
        return new InMemoryConnections(List.of(connections));
    }

    @Override
    public Optional<ChannelConnection> findLive(Channel channel, String externalId) {
        lookups++;
        return connections.stream()
                .filter(c -> c.channel() == channel && c.externalId().equals(externalId) && !"disconnected".equals(c.status()))
                .findFirst();
    }

    @Override
    public Optional<ChannelConnection> find(UUID id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** How many times findLive was asked. */
    public int lookups() {
        return lookups;
    }
}
