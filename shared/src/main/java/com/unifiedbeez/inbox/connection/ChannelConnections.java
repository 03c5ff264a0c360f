package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.page.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An organization's channel connections: the list every member sees, and disconnecting (admins). */
@Singleton
public final class ChannelConnections {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelConnections.class);

    private final ConnectionStore store;
    private final ConnectionProbes probes;

    @Inject
    public ChannelConnections(ConnectionStore store, ConnectionProbes probes) {
        this.store = store;
        this.probes = probes;
    }

    /** Every connection of the organization, disconnected ones included; an organization has a handful. */
    public Page<ConnectionView> list(Caller caller) {
        return new Page<>(store.views(caller.organizationId()), null);
    }

    /**
     * Stops the connection and wipes its credentials. The row stays, so conversations and messages
     * keep their history and their link to it; disconnecting twice is the same as once. A live
     * connection is first released at its platform (best effort, see {@link ConnectionProbe#onDisconnect}).
     */
    public void disconnect(Caller caller, UUID id) {
        caller.requireAdmin();
        release(caller.organizationId(), id);
        if (!store.disconnect(caller.organizationId(), id, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw ApiException.notFound("channel connection", id);
        }
        LOG.info("disconnected channel connection {} of organization {}", id, caller.organizationId());
    }

    /** The probe's onDisconnect with the live connection's credentials, while they are still stored. */
    private void release(UUID organizationId, UUID id) {
        Optional<ChannelConnection> live;
        try {
            live = store.find(organizationId, id).filter(c -> !"disconnected".equals(c.status()));
        } catch (IllegalStateException e) {
            // Credentials that no longer decrypt (a rotated key) cannot release anything; the disconnect still goes on.
            LOG.warn("channel connection {} is disconnected without release at its platform: {}", id, e.getMessage());
            return;
        }
        live.ifPresent(probes::onDisconnect);
    }
}
