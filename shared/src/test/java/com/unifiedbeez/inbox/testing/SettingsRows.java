package com.unifiedbeez.inbox.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.settings.SettingsSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** A settings level as a test's "given": the JSON checked against the schema, then written as the store writes it. */
public final class SettingsRows {
    private final Fixtures fx;

    public SettingsRows(Fixtures fx) {
        this.fx = fx;
    }

    /** Sets {@code json}'s keys (whole values) at the level, replacing what it held. */
    public void put(UUID organizationId, SettingScope scope, UUID scopeId, String json) {
        ObjectNode values;
        try {
            values = (ObjectNode) Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(SettingsSchema.validate(values)).as("the test's settings are valid").isEmpty();
        fx.exec("""
                INSERT INTO settings (id, organization_id, scope, scope_id, settings) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (organization_id, scope, scope_id) DO UPDATE SET settings = EXCLUDED.settings""",
                Ids.newId(), organizationId, scope.wireName(), scopeId, values.toString());
    }

    public void organization(UUID organizationId, String json) {
        put(organizationId, SettingScope.ORGANIZATION, organizationId, json);
    }
}
