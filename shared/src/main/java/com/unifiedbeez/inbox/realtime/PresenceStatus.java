package com.unifiedbeez.inbox.realtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code presence:update} says about a user. {@code online} and {@code away} are also the
 * automatic statuses (a live, heartbeating connection or not); {@code away}, {@code busy} and
 * {@code offline} can be chosen and stick; choosing {@code online} returns to automatic.
 */
public enum PresenceStatus {
    ONLINE, AWAY, BUSY, OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PresenceStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
