package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One key's effective value and where it came from: {@code default}, {@code organization},
 * {@code team:<id>} or {@code user}; {@code locked} when the organization locked it.
 */
public record EffectiveValue(JsonNode value, String source, boolean locked) {
    public static final String DEFAULT = "default";
    public static final String ORGANIZATION = "organization";
    public static final String USER = "user";

    public static String team(java.util.UUID teamId) {
        return "team:" + teamId;
    }
}
