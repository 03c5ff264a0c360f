package com.unifiedbeez.inbox.settings;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The reads: a level as it is stored ({@link SettingsLevelView}), or resolved with provenance
 * ({@link EffectiveSettings}: a user's through their teams and organization, a team's through its
 * organization), and a level's export.
 */
@Singleton
public final class SettingsReader {
    private final Database database;
    private final SettingsStore store;
    private final SettingsResolver resolver;

    @Inject
    public SettingsReader(Database database, SettingsStore store, SettingsResolver resolver) {
        this.database = database;
        this.store = store;
        this.resolver = resolver;
    }

    public SettingsLevelView level(Caller caller, SettingScope scope, UUID teamId) {
        return database.read(c -> {
            SettingsTarget target = SettingsAccess.read(c, caller, scope, teamId);
            return SettingsLevelView.of(store.level(c, target.organizationId(), scope, target.scopeId(), false));
        });
    }

    public EffectiveSettings effective(Caller caller, SettingScope scope, UUID teamId) {
        return database.read(c -> {
            SettingsTarget target = SettingsAccess.read(c, caller, scope, teamId);
            return switch (scope) {
                case USER -> resolver.forUser(c, target.organizationId(), target.scopeId());
                case TEAM -> resolver.forTeam(c, target.organizationId(), target.scopeId());
                case ORGANIZATION -> resolver.forOrganization(c, target.organizationId());
            };
        });
    }

    public SettingsExport export(Caller caller, SettingScope scope, UUID teamId) {
        SettingsLevelView level = level(caller, scope, teamId);
        return new SettingsExport(SettingsSchema.VERSION, scope, level.scopeId(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), level.settings(), level.locked());
    }
}
