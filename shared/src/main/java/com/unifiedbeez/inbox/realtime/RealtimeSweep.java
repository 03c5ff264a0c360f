package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute: pushes what no nudge pushed (a nudge lost after its commit, a fan-out pass that died
 * and let its lease lapse), announces presences whose heartbeat lapsed, and trims the event log to
 * its retention ({@value #RETENTION_DAYS}, default 7 days).
 */
@Singleton
public final class RealtimeSweep {
    public static final String RETENTION_DAYS = "INBOX_EVENT_RETENTION_DAYS";
    /** A nudged pass normally runs within milliseconds; older unnumbered events lost their nudge. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    static final int STREAMS_PER_SWEEP = 500;
    static final int LAPSES_PER_SWEEP = 1_000;
    static final int TRIM_BATCH = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSweep.class);

    /** What a sweep did. */
    public record Swept(int streams, int events, int lapsed, int trimmed) {
    }

    private final EventStream stream;
    private final EventFanout fanout;
    private final PresenceBoard presence;
    private final LiveSignals signals;
    private final ConnectionCleanup cleanup;
    private final Duration retention;

    @Inject
    public RealtimeSweep(EventStream stream, EventFanout fanout, PresenceBoard presence, LiveSignals signals,
                         ConnectionCleanup cleanup, Config config) {
        this.stream = stream;
        this.fanout = fanout;
        this.presence = presence;
        this.signals = signals;
        this.cleanup = cleanup;
        this.retention = Duration.ofDays(config.get(RETENTION_DAYS).map(Long::parseLong).orElse(7L));
    }

    public Swept sweep() {
        int streams = 0;
        int events = 0;
        for (UUID organizationId : stream.stalled(SETTLE, STREAMS_PER_SWEEP)) {
            try {
                events += fanout.deliver(organizationId).events();
                streams++;
            } catch (RuntimeException e) {
                // one organization's failure (throttling that outlasted the retries) waits for the next sweep
                LOG.warn("realtime sweep: organization {} not pushed: {}", organizationId, e.getMessage());
            }
        }
        Instant now = Instant.now();
        int lapsed = 0;
        for (PresenceChange change : presence.sweepLapsed(now, LAPSES_PER_SWEEP)) {
            cleanup.gone(signals.presence(change, now));
            lapsed++;
        }
        int trimmed = stream.trim(now.minus(retention), TRIM_BATCH);
        return new Swept(streams, events, lapsed, trimmed);
    }
}
