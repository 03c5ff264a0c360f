package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The {@code settings} table: one row per level that holds anything. Owns its SQL and announces
 * every change ({@code settings:updated}) to the users it affects, in the change's transaction.
 */
@Singleton
public final class SettingsStore {
    private static final String COLUMNS = "s.scope, s.scope_id, s.settings, s.locked_keys, s.updated_at, s.updated_by";

    private final DomainEvents events;

    @Inject
    public SettingsStore(DomainEvents events) {
        this.events = events;
    }

    /**
     * A level's row; a level that never held anything is empty (not an error). {@code forUpdate}
     * holds the level until the transaction ends, also when it has no row yet (a transaction-scoped
     * advisory lock on its id: two first writes of one level must not both start from nothing). Every
     * write of a level takes it, so it alone serializes them; no row lock is needed beside it.
     */
    public SettingsLevel level(Connection c, UUID organizationId, SettingScope scope, UUID scopeId, boolean forUpdate)
            throws SQLException {
        if (forUpdate) {
            Sql.one(c, "SELECT pg_advisory_xact_lock(?)", row -> true,
                    scopeId.getMostSignificantBits() ^ scopeId.getLeastSignificantBits());
        }
        return Sql.one(c, "SELECT " + COLUMNS + " FROM settings s WHERE s.organization_id = ? AND s.scope = ?"
                        + " AND s.scope_id = ?",
                SettingsStore::level, organizationId, scope, scopeId)
                .orElseGet(() -> empty(scope, scopeId));
    }

    /** The levels a user's settings come from: organization, the user's teams in joining order, the user. */
    public Levels forUser(Connection c, UUID organizationId, UUID userId) throws SQLException {
        List<SettingsLevel> rows = Sql.list(c, """
                SELECT * FROM (
                    SELECT %1$s, NULL::timestamptz AS joined_at FROM settings s
                     WHERE s.organization_id = ? AND s.scope = 'organization' AND s.scope_id = ?
                    UNION ALL
                    SELECT %1$s, NULL FROM settings s
                     WHERE s.organization_id = ? AND s.scope = 'user' AND s.scope_id = ?
                    UNION ALL
                    SELECT %1$s, m.joined_at FROM team_members m
                      JOIN settings s ON s.organization_id = m.organization_id AND s.scope = 'team' AND s.scope_id = m.team_id
                     WHERE m.organization_id = ? AND m.user_id = ?) levels
                 ORDER BY joined_at NULLS FIRST, scope_id""".formatted(COLUMNS),
                SettingsStore::level, organizationId, organizationId, organizationId, userId, organizationId, userId);
        return Levels.of(rows);
    }

    /** The organization's level and a team's (either may be absent). */
    public Levels forTeam(Connection c, UUID organizationId, UUID teamId) throws SQLException {
        List<SettingsLevel> rows = Sql.list(c, """
                SELECT %s FROM settings s WHERE s.organization_id = ?
                   AND (s.scope = 'organization' AND s.scope_id = ? OR s.scope = 'team' AND s.scope_id = ?)"""
                        .formatted(COLUMNS),
                SettingsStore::level, organizationId, organizationId, teamId);
        return Levels.of(rows);
    }

    /**
     * The organization's level and the level of the team holding a conversation (either may be
     * absent), found through the conversation in the same query: what governs the conversation,
     * read once per customer message.
     */
    public Levels forConversation(Connection c, UUID organizationId, UUID conversationId) throws SQLException {
        List<SettingsLevel> rows = Sql.list(c, "SELECT " + COLUMNS + """
                 FROM conversations cv
                 JOIN settings s ON s.organization_id = cv.organization_id
                  AND (s.scope = 'organization' AND s.scope_id = cv.organization_id
                       OR s.scope = 'team' AND s.scope_id = cv.assignee_team_id)
                WHERE cv.organization_id = ? AND cv.id = ?""",
                SettingsStore::level, organizationId, conversationId);
        return Levels.of(rows);
    }

    /** The levels one resolution reads; absent levels are null (teams: empty). */
    public record Levels(SettingsLevel organization, List<SettingsLevel> teams, SettingsLevel user) {
        /** The rows of one read, teams in the order read (their precedence). */
        static Levels of(List<SettingsLevel> rows) {
            return new Levels(pick(rows, SettingScope.ORGANIZATION),
                    rows.stream().filter(l -> l.scope() == SettingScope.TEAM).toList(), pick(rows, SettingScope.USER));
        }

        public EffectiveSettings resolve() {
            return Inheritance.resolve(organization, teams, user);
        }
    }

    /**
     * Organizations whose own level sets a retention policy (the retention function's work list).
     * ({@code ->} rather than jsonb's {@code ?}, which JDBC would read as a parameter.)
     */
    public List<UUID> organizationsWithRetention(Connection c) throws SQLException {
        return Sql.list(c, """
                SELECT organization_id FROM settings
                 WHERE scope = 'organization' AND settings -> 'retentionPolicy' IS NOT NULL ORDER BY organization_id""",
                row -> Sql.uuid(row, "organization_id"));
    }

    /**
     * Writes a level's values and locks (a level left holding nothing is deleted) and announces the
     * keys that changed to {@code audience} (null: the whole organization).
     */
    public SettingsLevel save(Connection c, UUID organizationId, SettingScope scope, UUID scopeId, ObjectNode values,
                              Set<SettingKey> locked, UUID by, Instant at, Collection<SettingKey> changed,
                              Collection<UUID> audience) throws SQLException {
        List<String> lockNames = locked.stream().map(SettingKey::wireName).sorted().toList();
        SettingsLevel saved;
        if (values.isEmpty() && locked.isEmpty()) {
            Sql.update(c, "DELETE FROM settings WHERE organization_id = ? AND scope = ? AND scope_id = ?",
                    organizationId, scope, scopeId);
            saved = new SettingsLevel(scope, scopeId, values, EnumSet.noneOf(SettingKey.class), at, by);
        } else {
            saved = Sql.one(c, """
                    INSERT INTO settings AS s (id, organization_id, scope, scope_id, settings, locked_keys, schema_version,
                                               updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?::text[], ?, ?, ?)
                    ON CONFLICT (organization_id, scope, scope_id) DO UPDATE
                       SET settings = EXCLUDED.settings, locked_keys = EXCLUDED.locked_keys,
                           schema_version = EXCLUDED.schema_version, updated_at = EXCLUDED.updated_at,
                           updated_by = EXCLUDED.updated_by
                    RETURNING %s""".formatted(COLUMNS),
                    SettingsStore::level, Ids.newId(), organizationId, scope, scopeId, values.toString(),
                    lockNames, SettingsSchema.VERSION, at, by)
                    .orElseThrow();
        }
        if (!changed.isEmpty()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("scope", scope);
            payload.put("scopeId", scopeId);
            payload.put("keys", changed.stream().map(SettingKey::wireName).sorted().toList());
            payload.put("updatedBy", by);
            if (audience == null) {
                events.emit(c, organizationId, null, DomainEvents.SETTINGS_UPDATED, payload);
            } else {
                events.emitTo(c, organizationId, null, DomainEvents.SETTINGS_UPDATED, payload, audience);
            }
        }
        return saved;
    }

    private static SettingsLevel pick(List<SettingsLevel> rows, SettingScope scope) {
        return rows.stream().filter(l -> l.scope() == scope).findFirst().orElse(null);
    }

    static SettingsLevel empty(SettingScope scope, UUID scopeId) {
        return new SettingsLevel(scope, scopeId, Json.mapper().createObjectNode(), EnumSet.noneOf(SettingKey.class),
                null, null);
    }

    private static SettingsLevel level(ResultSet row) throws SQLException {
        SettingScope scope = SettingScope.parse(row.getString("scope")).orElseThrow();
        ObjectNode values;
        try {
            values = (ObjectNode) Json.mapper().readTree(row.getString("settings"));
        } catch (JsonProcessingException e) {
            throw new SQLException("settings row is not JSON", e);
        }
        Set<SettingKey> locked = EnumSet.noneOf(SettingKey.class);
        Array array = row.getArray("locked_keys");
        for (Object name : (Object[]) array.getArray()) {
            SettingKey.parse((String) name).ifPresent(locked::add);
        }
        return new SettingsLevel(scope, Sql.uuid(row, "scope_id"), values, locked, Sql.instant(row, "updated_at"),
                Sql.uuid(row, "updated_by"));
    }
}
