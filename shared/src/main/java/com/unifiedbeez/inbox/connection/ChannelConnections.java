package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.page.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An organization's channel connections: the list every member sees, and disconnecting (admins). */
@Singleton
public final class ChannelConnections {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelConnections.class);

    private final ConnectionRepository repository;

    @Inject
    public ChannelConnections(ConnectionRepository repository) {
        this.repository = repository;
    }

    /** Every connection of the organization, disconnected ones included; an organization has a handful. */
    public Page<ConnectionView> list(Caller caller) {
        return new Page<>(repository.views(caller.organizationId()), null);
    }

    /**
     * Stops the connection and wipes its credentials. The row stays, so conversations and messages
     * keep their history and their link to it; disconnecting twice is the same as once.
     */
    public void disconnect(Caller caller, UUID id) {
        caller.requireAdmin();
        if (!repository.disconnect(caller.organizationId(), id, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw ApiException.notFound("channel connection", id);
        }
        LOG.info("disconnected channel connection {} of organization {}", id, caller.organizationId());
    }
}
