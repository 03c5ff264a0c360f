package com.unifiedbeez.inbox.settings;

import java.util.List;
import java.util.UUID;

/**
 * A level a caller reads or writes, checked against the database: its scope id, and who is told
 * when it changes ({@code audience}; null = the whole organization).
 */
public record SettingsTarget(UUID organizationId, SettingScope scope, UUID scopeId, List<UUID> audience) {
}
