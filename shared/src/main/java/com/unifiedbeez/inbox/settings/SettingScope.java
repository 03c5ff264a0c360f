package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The levels settings are held at, from the widest; a narrower level overrides a wider one. */
public enum SettingScope {
    ORGANIZATION, TEAM, USER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SettingScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** A request's scope {@code field}: missing or unknown is 422. */
    public static SettingScope required(String value, String field) {
        if (value == null) {
            throw ApiException.invalid(field, "is required: user, team or organization");
        }
        return parse(value).orElseThrow(() -> ApiException.invalid(field, "must be user, team or organization"));
    }

    /**
     * The team a request names in {@code field} for this scope: null unless the scope is a team's;
     * for a team, missing is 422 and what is no id can name no team (404).
     */
    public UUID teamId(String value, String field) {
        if (this != TEAM) {
            return null;
        }
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required for the team scope (the team's id)");
        }
        return Ids.parse(value).orElseThrow(() -> ApiException.notFound("team", value));
    }
}
