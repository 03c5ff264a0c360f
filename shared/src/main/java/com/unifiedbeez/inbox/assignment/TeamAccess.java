package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Who may look at a team: its members and the organization's admins; another organization's team is 404. */
final class TeamAccess {
    private TeamAccess() {
    }

    static void requireViewer(Connection c, Caller caller, UUID teamId) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM teams WHERE organization_id = ? AND id = ?", r -> 1, caller.organizationId(),
                teamId).isEmpty()) {
            throw ApiException.notFound("team", teamId);
        }
        if (!caller.isAdmin() && Sql.one(c, "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?", r -> 1,
                teamId, caller.userId()).isEmpty()) {
            throw ApiException.forbidden("only the team's members (or an admin) see its inbox");
        }
    }
}
