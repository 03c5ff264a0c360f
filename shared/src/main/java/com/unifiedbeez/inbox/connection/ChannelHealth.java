package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A member's health check: the platform asked now, its answer recorded on the connection as seen,
 * never as routing state (see {@link ConnectionStore#recordCheck}).
 */
@Singleton
public final class ChannelHealth {
    private final ConnectionStore store;
    private final ConnectionProbes probes;

    @Inject
    public ChannelHealth(ConnectionStore store, ConnectionProbes probes) {
        this.store = store;
        this.probes = probes;
    }

    public HealthCheckView check(Caller caller, UUID id) {
        ChannelConnection connection = store.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("channel connection", id));
        if ("disconnected".equals(connection.status())) {
            throw ApiException.conflict("channel-disconnected", "channel connection " + id
                    + " is disconnected and has no credentials to check; connect the account again");
        }
        HealthReport report = probes.check(connection);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.recordCheck(caller.organizationId(), id, report, at);
        return new HealthCheckView(report.healthy(), at, report.checks());
    }
}
