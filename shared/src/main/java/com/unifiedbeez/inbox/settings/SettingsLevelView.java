package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one level holds, as the API shows it: only the keys it sets ({@code settings}), the keys
 * the organization locks ({@code locked}, organization level only), and its last change (null
 * when it never held anything).
 */
public record SettingsLevelView(SettingScope scope, UUID scopeId, int schemaVersion, ObjectNode settings,
                                List<String> locked, Instant updatedAt, UUID updatedBy) {
    static SettingsLevelView of(SettingsLevel level) {
        return new SettingsLevelView(level.scope(), level.scopeId(), SettingsSchema.VERSION, level.values(),
                level.locked().stream().map(SettingKey::wireName).sorted().toList(), level.updatedAt(),
                level.updatedBy());
    }
}
