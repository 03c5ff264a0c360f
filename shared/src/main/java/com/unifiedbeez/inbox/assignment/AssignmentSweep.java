package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The scheduled pass (every minute) of what time alone decides, and the net under what events
 * decide at once: first-touch deadlines; absent agents' conversations that went quiet since they
 * left; and every team queue that has somebody available (a decision a crash interrupted, a
 * skill-based conversation whose fallback wait is over, capacity raised in settings).
 */
@Singleton
public final class AssignmentSweep {
    private final Database database;
    private final TouchDeadlines deadlines;
    private final AgentAvailability availability;
    private final RoutingStore routing;
    private final ConversationRouter router;

    @Inject
    public AssignmentSweep(Database database, TouchDeadlines deadlines, AgentAvailability availability,
                           RoutingStore routing, ConversationRouter router) {
        this.database = database;
        this.deadlines = deadlines;
        this.availability = availability;
        this.routing = routing;
        this.router = router;
    }

    /** What one pass did. */
    public record Result(int touchesMissed, int awayReassigned, int drained) {
    }

    private record Absent(UUID organizationId, UUID userId) {
    }

    public Result run() {
        int touches = deadlines.check();
        int away = 0;
        for (Absent a : database.read(c -> Sql.list(c, """
                SELECT DISTINCT cv.organization_id, cv.assignee_user_id FROM conversations cv
                  JOIN users u ON u.id = cv.assignee_user_id
                 WHERE u.status IN ('away', 'offline') AND cv.status IN ('new', 'active')
                   AND cv.assignee_team_id IS NOT NULL""",
                r -> new Absent(Sql.uuid(r, "organization_id"), Sql.uuid(r, "assignee_user_id"))))) {
            away += availability.reassignStale(a.organizationId(), a.userId());
        }
        int drained = 0;
        Map<UUID, Set<UUID>> queued = database.read(routing::queuedTeams);
        for (Map.Entry<UUID, Set<UUID>> org : queued.entrySet()) {
            drained += router.drain(org.getKey(), List.copyOf(org.getValue()));
        }
        return new Result(touches, away, drained);
    }
}
