package com.unifiedbeez.inbox.settings;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The effective settings the inbox acts on, read in one query and resolved by {@link Inheritance}:
 * a user's (their teams, their organization), a team's (without any user) or an organization's.
 * Runs in the caller's connection, so a decision and what it decides on share one transaction.
 */
@Singleton
public final class SettingsResolver {
    private final SettingsStore store;

    @Inject
    public SettingsResolver(SettingsStore store) {
        this.store = store;
    }

    public EffectiveSettings forUser(Connection c, UUID organizationId, UUID userId) throws SQLException {
        return store.forUser(c, organizationId, userId).resolve();
    }

    public EffectiveSettings forTeam(Connection c, UUID organizationId, UUID teamId) throws SQLException {
        return store.forTeam(c, organizationId, teamId).resolve();
    }

    public EffectiveSettings forOrganization(Connection c, UUID organizationId) throws SQLException {
        SettingsLevel organization = store.level(c, organizationId, SettingScope.ORGANIZATION, organizationId, false);
        return Inheritance.resolve(organization, List.of(), null);
    }

    /**
     * What governs a conversation: its team's settings when a team holds it, else its organization's,
     * the team read with the settings in one query (the inbound path's one read per customer message).
     */
    public EffectiveSettings forConversation(Connection c, UUID organizationId, UUID conversationId)
            throws SQLException {
        return store.forConversation(c, organizationId, conversationId).resolve();
    }
}
