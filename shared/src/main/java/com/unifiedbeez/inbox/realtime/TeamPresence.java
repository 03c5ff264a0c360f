package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** {@code GET /api/inbox/team/:teamId/presence}: the team's active members, each with their presence now. */
@Singleton
public final class TeamPresence {
    private final Database database;
    private final PresenceBoard presence;

    @Inject
    public TeamPresence(Database database, PresenceBoard presence) {
        this.database = database;
        this.presence = presence;
    }

    private record Member(UUID userId, String name) {
    }

    public TeamPresenceView of(Caller caller, UUID teamId) {
        List<Member> members = database.read(c -> {
            if (Sql.one(c, "SELECT 1 FROM teams WHERE organization_id = ? AND id = ?", row -> true,
                    caller.organizationId(), teamId).isEmpty()) {
                throw ApiException.notFound("team", teamId);
            }
            return Sql.list(c, """
                    SELECT u.id, u.name FROM team_members m JOIN users u ON u.id = m.user_id
                     WHERE m.organization_id = ? AND m.team_id = ? AND u.organization_id = ? AND u.deactivated_at IS NULL
                     ORDER BY u.name, u.id""",
                    row -> new Member(Sql.uuid(row, "id"), row.getString("name")), caller.organizationId(), teamId,
                    caller.organizationId());
        });
        Map<UUID, PresenceStatus> statuses = presence.of(caller.organizationId(),
                members.stream().map(Member::userId).toList(), Instant.now());
        return new TeamPresenceView(teamId, members.stream()
                .map(m -> new TeamPresenceView.Member(m.userId(), m.name(),
                        statuses.getOrDefault(m.userId(), PresenceStatus.OFFLINE).wireName()))
                .toList());
    }
}
