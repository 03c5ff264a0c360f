package com.unifiedbeez.inbox.functions.outboundsweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.message.OutboundSweeper;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute (EventBridge schedule): re-queue accepted sends that never reached the outbound queue. */
public final class OutboundSweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSweeperHandler.class);

    private final OutboundSweeperComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public OutboundSweeperHandler() {
        this(DaggerOutboundSweeperComponent.factory().create(Config.fromEnvironment()));
    }

    public OutboundSweeperHandler(OutboundSweeperComponent services) {
        this.services = services;
        // Not a sweep, which would re-queue what is stranded at snapshot time: its query with room for
        // no row (the pool, the SQS client built, the statement planned), nothing locked or queued.
        this.priming = Priming.register(() -> services.sweeper().warmUp(), services.dataSource());
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        OutboundSweeper.Sweep sweep = services.sweeper().sweep(OutboundSweeper.GRACE);
        if (sweep.found() > 0) {
            LOG.info("outbound sweep: {} stranded, {} re-queued", sweep.found(), sweep.requeued());
        }
        return Map.of("found", sweep.found(), "requeued", sweep.requeued());
    }
}
