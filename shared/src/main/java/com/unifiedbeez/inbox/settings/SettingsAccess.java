package com.unifiedbeez.inbox.settings;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Who may read and write which level. Every member reads their own, their organization's and any
 * team's of their organization (working hours and away messages are no secret among colleagues);
 * a user writes their own; only admins write a team's or the organization's. Teams have no lead
 * role in this schema, so no one else does. Another organization's team is 404 before any 403.
 */
final class SettingsAccess {
    private SettingsAccess() {
    }

    static SettingsTarget read(Connection c, Caller caller, SettingScope scope, UUID teamId) throws SQLException {
        return target(c, caller, scope, teamId);
    }

    static SettingsTarget write(Connection c, Caller caller, SettingScope scope, UUID teamId) throws SQLException {
        SettingsTarget target = target(c, caller, scope, teamId);
        if (scope != SettingScope.USER && !caller.isAdmin()) {
            throw ApiException.forbidden("only an admin changes " + (scope == SettingScope.TEAM
                    ? "a team's" : "the organization's") + " settings");
        }
        return target;
    }

    private static SettingsTarget target(Connection c, Caller caller, SettingScope scope, UUID teamId)
            throws SQLException {
        UUID organizationId = caller.organizationId();
        return switch (scope) {
            case USER -> new SettingsTarget(organizationId, scope, caller.userId(), List.of(caller.userId()));
            case ORGANIZATION -> new SettingsTarget(organizationId, scope, organizationId, null);
            case TEAM -> {
                if (teamId == null || Sql.one(c, "SELECT 1 FROM teams WHERE organization_id = ? AND id = ?",
                        row -> true, organizationId, teamId).isEmpty()) {
                    throw ApiException.notFound("team", teamId);
                }
                yield new SettingsTarget(organizationId, scope, teamId, Sql.list(c, """
                        SELECT m.user_id FROM team_members m JOIN users u ON u.id = m.user_id
                         WHERE m.organization_id = ? AND m.team_id = ? AND u.deactivated_at IS NULL""",
                        row -> Sql.uuid(row, "user_id"), organizationId, teamId));
            }
        };
    }
}
