package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What one level holds: its own values (only keys it sets), and for the organization the keys it
 * locks. {@code updatedAt}/{@code updatedBy} are null for a level that never held anything.
 */
public record SettingsLevel(SettingScope scope, UUID scopeId, ObjectNode values, Set<SettingKey> locked,
                            Instant updatedAt, UUID updatedBy) {
    public JsonNode value(SettingKey key) {
        return values.get(key.wireName());
    }

    public boolean has(SettingKey key) {
        JsonNode value = value(key);
        return value != null && !value.isNull();
    }
}
