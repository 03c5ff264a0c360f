package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A level's settings as a file ({@code GET /settings/export}); {@code POST /settings/import} takes
 * the same shape back ({@code exportedAt} optional), so an export restores exactly what it saved.
 */
public record SettingsExport(int schemaVersion, SettingScope scope, UUID scopeId, Instant exportedAt,
                             ObjectNode settings, List<String> locked) {
}
