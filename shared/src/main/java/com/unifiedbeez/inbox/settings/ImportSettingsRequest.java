package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code POST /api/inbox/settings/import}: an export's shape; {@code scopeId} only for a team. */
public record ImportSettingsRequest(Integer schemaVersion, String scope, String scopeId, String exportedAt,
                                    ObjectNode settings, List<String> locked) {
}
