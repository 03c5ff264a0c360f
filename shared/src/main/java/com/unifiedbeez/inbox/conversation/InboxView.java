package com.unifiedbeez.inbox.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The inbox's views: mine (assigned to me), unassigned (no agent yet: anyone may claim),
 * all (the organization's), team (my teams', or one team's), mentions (where a note mentions me).
 */
public enum InboxView {
    MINE, UNASSIGNED, ALL, TEAM, MENTIONS;

    public static Optional<InboxView> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(value)).findFirst();
    }
}
