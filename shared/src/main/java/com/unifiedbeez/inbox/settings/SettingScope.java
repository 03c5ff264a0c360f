package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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
}
