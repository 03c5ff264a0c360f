package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Checks a connection against its platform now and records the outcome on the connection. */
@Singleton
public final class ChannelHealth {
    private final ConnectionRepository repository;
    private final ConnectionProbes probes;

    @Inject
    public ChannelHealth(ConnectionRepository repository, ConnectionProbes probes) {
        this.repository = repository;
        this.probes = probes;
    }

    public HealthCheckResult check(Caller caller, UUID id) {
        ChannelConnection connection = repository.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("channel connection", id));
        if ("disconnected".equals(connection.status())) {
            throw ApiException.conflict("channel-disconnected", "channel connection " + id
                    + " is disconnected and has no credentials to check; connect the account again");
        }
        HealthReport report = probes.check(connection);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.recordHealth(caller.organizationId(), id, report, at);
        return new HealthCheckResult(report.healthy(), at, report.checks());
    }
}
