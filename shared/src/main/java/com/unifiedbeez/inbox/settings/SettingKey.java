package com.unifiedbeez.inbox.settings;

import static com.unifiedbeez.inbox.settings.SettingScope.ORGANIZATION;
import static com.unifiedbeez.inbox.settings.SettingScope.TEAM;
import static com.unifiedbeez.inbox.settings.SettingScope.USER;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The settings keys of schema version 1 and the levels that may hold each: what concerns the
 * whole organization (retention) is set by it alone; what shapes a team's work (hours, the away
 * message, auto-assignment) by the organization or a team; what is personal by any level, the
 * wider ones giving defaults. The value shapes are in {@code settings/settings-v1.schema.json}.
 */
public enum SettingKey {
    NOTIFICATIONS("notifications", EnumSet.of(ORGANIZATION, TEAM, USER)),
    WORKING_HOURS("workingHours", EnumSet.of(ORGANIZATION, TEAM, USER)),
    AWAY_MESSAGE("awayMessage", EnumSet.of(ORGANIZATION, TEAM)),
    SIGNATURE("signature", EnumSet.of(ORGANIZATION, TEAM, USER)),
    PREFERENCES("preferences", EnumSet.of(ORGANIZATION, TEAM, USER)),
    AUTO_ASSIGNMENT("autoAssignment", EnumSet.of(ORGANIZATION, TEAM)),
    RETENTION_POLICY("retentionPolicy", EnumSet.of(ORGANIZATION));

    private final String wireName;
    private final Set<SettingScope> levels;

    SettingKey(String wireName, Set<SettingScope> levels) {
        this.wireName = wireName;
        this.levels = levels;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean settableAt(SettingScope scope) {
        return levels.contains(scope);
    }

    public Set<SettingScope> levels() {
        return Set.copyOf(levels);
    }

    public static Optional<SettingKey> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(value)).findFirst();
    }
}
