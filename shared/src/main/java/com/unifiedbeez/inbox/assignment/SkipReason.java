package com.unifiedbeez.inbox.assignment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a team member was not chosen (the history's {@code skipped[].reason}). */
public enum SkipReason {
    OFFLINE, AWAY, BUSY, AT_CAPACITY, MISSING_SKILLS,
    /** the agent the conversation is being taken from */
    LOSING_AGENT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
