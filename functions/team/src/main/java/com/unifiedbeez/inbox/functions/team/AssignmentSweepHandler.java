package com.unifiedbeez.inbox.functions.team;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.assignment.AssignmentSweep;
import com.unifiedbeez.inbox.platform.config.Config;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute (EventBridge schedule): first-touch deadlines, absent agents' quiet conversations,
 * and the team queues that somebody can take from ({@link AssignmentSweep}).
 */
public final class AssignmentSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentSweepHandler.class);

    private final TeamComponent services;

    public AssignmentSweepHandler() {
        this(DaggerTeamComponent.factory().create(Config.fromEnvironment()));
    }

    public AssignmentSweepHandler(TeamComponent services) {
        this.services = services;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        AssignmentSweep.Result r = services.sweep().run();
        if (r.touchesMissed() + r.awayReassigned() + r.drained() > 0) {
            LOG.info("assignment sweep: {} first touches missed, {} reassigned from absent agents, {} drained from queues",
                    r.touchesMissed(), r.awayReassigned(), r.drained());
        }
        return Map.of("touchesMissed", r.touchesMissed(), "awayReassigned", r.awayReassigned(), "drained", r.drained());
    }
}
