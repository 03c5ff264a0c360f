package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.settings.AutoAssignment;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** {@code GET /api/inbox/team/:teamId/workload}; see {@link WorkloadView}. */
@Singleton
public final class TeamWorkload {
    private final Database database;
    private final SettingsResolver settings;

    @Inject
    public TeamWorkload(Database database, SettingsResolver settings) {
        this.database = database;
        this.settings = settings;
    }

    public WorkloadView of(Caller caller, UUID teamId) {
        return database.read(c -> {
            TeamAccess.requireViewer(c, caller, teamId);
            AutoAssignment team = settings.forTeam(c, caller.organizationId(), teamId).autoAssignment();
            List<WorkloadView.Agent> agents = Sql.list(c, """
                    SELECT u.id, u.name, u.status, m.max_concurrent_conversations, m.senior, m.skills,
                           count(cv.id) AS open, count(cv.id) FILTER (WHERE cv.status = 'active') AS active,
                           min(cv.last_inbound_at) FILTER (WHERE cv.last_inbound_at >= cv.last_message_at) AS oldest_waiting
                      FROM team_members m JOIN users u ON u.id = m.user_id AND u.organization_id = m.organization_id
                      LEFT JOIN conversations cv ON cv.organization_id = m.organization_id AND cv.assignee_user_id = m.user_id
                                                AND cv.status IN ('new', 'active')
                     WHERE m.organization_id = ? AND m.team_id = ? AND u.deactivated_at IS NULL
                     GROUP BY u.id, u.name, u.status, m.max_concurrent_conversations, m.senior, m.skills
                     ORDER BY u.name, u.id""",
                    r -> {
                        int own = r.getInt("max_concurrent_conversations");
                        int capacity = r.wasNull() ? team.maxConversationsPerAgent()
                                : Math.min(own, team.maxConversationsPerAgent());
                        int open = r.getInt("open");
                        Array skills = r.getArray("skills");
                        return new WorkloadView.Agent(Sql.uuid(r, "id"), r.getString("name"), r.getString("status"), open,
                                r.getInt("active"), capacity, open >= capacity, r.getBoolean("senior"),
                                skills == null ? List.of() : Arrays.asList((String[]) skills.getArray()),
                                Sql.instant(r, "oldest_waiting"));
                    }, caller.organizationId(), teamId);
            WorkloadView.Queue queue = Sql.one(c, """
                    SELECT count(*) AS waiting, min(r.queued_at) AS oldest FROM conversation_routing r
                      JOIN conversations cv ON cv.id = r.conversation_id
                     WHERE r.organization_id = ? AND r.queued_at IS NOT NULL AND cv.assignee_team_id = ?""",
                    r -> new WorkloadView.Queue(r.getInt("waiting"), Sql.instant(r, "oldest")), caller.organizationId(),
                    teamId).orElseThrow();
            return new WorkloadView(teamId, team.enabled(), team.strategy(), queue, agents);
        });
    }
}
