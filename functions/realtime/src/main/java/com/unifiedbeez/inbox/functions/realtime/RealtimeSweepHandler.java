package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.realtime.RealtimeSweep;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute: what no nudge pushed, lapsed heartbeats, the log's retention. */
public final class RealtimeSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSweepHandler.class);
    private final RealtimeComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public RealtimeSweepHandler() {
        this(RealtimeFunction.fromEnvironment());
    }

    public RealtimeSweepHandler(RealtimeComponent services) {
        this.services = services;
        this.priming = RealtimeFunction.prime(services);
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        RealtimeSweep.Swept swept = services.sweep().sweep();
        if (swept.streams() + swept.lapsed() + swept.trimmed() > 0) {
            LOG.info("realtime sweep: {} streams pushed ({} events), {} presences lapsed, {} events trimmed",
                    swept.streams(), swept.events(), swept.lapsed(), swept.trimmed());
        }
        return Map.of("streams", swept.streams(), "events", swept.events(), "lapsed", swept.lapsed(),
                "trimmed", swept.trimmed());
    }
}
