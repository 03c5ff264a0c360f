package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The product's defaults ({@code settings/defaults.json}): every key's value when no level sets
 * it, what a new organization starts from. They are valid against the schema (a test holds them to it).
 */
public final class SettingsDefaults {
    public static final String RESOURCE = "settings/defaults.json";
    private static final ObjectNode DEFAULTS = load();

    private SettingsDefaults() {
    }

    /** A copy the caller may change. */
    public static ObjectNode values() {
        return DEFAULTS.deepCopy();
    }

    static ObjectNode shared() {
        return DEFAULTS;
    }

    private static ObjectNode load() {
        try (InputStream in = SettingsDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
