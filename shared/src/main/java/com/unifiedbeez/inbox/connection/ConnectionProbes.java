package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ByChannel;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The channel adapters' probes, one per channel, picked by the connection's channel. */
@Singleton
public final class ConnectionProbes {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProbes.class);

    private final Map<Channel, ConnectionProbe> byChannel;

    @Inject
    public ConnectionProbes(Set<ConnectionProbe> probes) {
        this.byChannel = ByChannel.index(probes, ConnectionProbe::channel, "connection probes");
    }

    public HealthReport onConnect(ChannelConnection connection) {
        return run(connection, probe -> probe.onConnect(connection));
    }

    /** The channel's best-effort release; a missing probe or a failure is logged, never thrown. */
    public void onDisconnect(ChannelConnection connection) {
        ConnectionProbe probe = byChannel.get(connection.channel());
        if (probe == null) {
            return;
        }
        try {
            probe.onDisconnect(connection);
        } catch (RuntimeException e) {
            // The class alone, as in run(): a message could carry a URL with a token in it.
            LOG.warn("releasing {} at the platform failed with {}; disconnecting anyway", connection, e.getClass().getName());
        }
    }

    public HealthReport check(ChannelConnection connection) {
        return run(connection, probe -> probe.check(connection));
    }

    private HealthReport run(ChannelConnection connection, Function<ConnectionProbe, HealthReport> call) {
        ConnectionProbe probe = byChannel.get(connection.channel());
        if (probe == null) {
            throw new ApiException(503, "channel-unavailable", "Channel unavailable",
                    connection.channel().wireName() + " connections cannot be checked on this deployment", List.of());
        }
        try {
            return call.apply(probe);
        } catch (RuntimeException e) {
            // A probe should report failures, not throw; the class alone is logged, as a message
            // could carry a URL with a token in it (Telegram's /bot<token>/ paths).
            LOG.error("connection probe for {} failed with {}", connection, e.getClass().getName());
            return HealthReport.of(List.of(new HealthReport.Check("probe", false, "the check could not run")));
        }
    }
}
