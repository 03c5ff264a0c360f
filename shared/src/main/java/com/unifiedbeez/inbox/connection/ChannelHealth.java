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
 * never as routing state (see {@link ConnectionRepository#recordCheck}).
 */
@Singleton
public final class ChannelHealth {
    private final ConnectionRepository repository;
    private final ConnectionProbes probes;

    @Inject
    public ChannelHealth(ConnectionRepository repository, ConnectionProbes probes) {
        this.repository = repository;
        this.probes = probes;
    }

    public HealthCheckView check(Caller caller, UUID id) {
        ChannelConnection connection = repository.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("channel connection", id));
        if ("disconnected".equals(connection.status())) {
            throw ApiException.conflict("channel-disconnected", "channel connection " + id
                    + " is disconnected and has no credentials to check; connect the account again");
        }
        HealthReport report = probes.check(connection);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.recordCheck(caller.organizationId(), id, report, at);
        return new HealthCheckView(report.healthy(), at, report.checks());
    }
}
