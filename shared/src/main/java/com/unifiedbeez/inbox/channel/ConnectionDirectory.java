package com.unifiedbeez.inbox.channel;

import java.util.Optional;
import java.util.UUID;

/** Finds channel connections with their secrets decrypted; implemented over PostgreSQL by connection.ConnectionStore. */
public interface ConnectionDirectory {
    /** The live (not disconnected) connection of a platform account, across organizations. */
    Optional<ChannelConnection> findLive(Channel channel, String externalId);

    /** A connection by id, whatever its status. */
    Optional<ChannelConnection> find(UUID id);
}
