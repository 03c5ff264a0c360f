package com.unifiedbeez.inbox.settings;

import java.util.List;

/** {@code POST /api/inbox/settings/reset}: {@code keys} empty or absent resets every key of the level. */
public record ResetSettingsRequest(String scope, String scopeId, List<String> keys) {
}
