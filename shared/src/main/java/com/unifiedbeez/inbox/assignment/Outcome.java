package com.unifiedbeez.inbox.assignment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an assignment decision did. */
public enum Outcome {
    ASSIGNED,
    /** a reopened conversation stayed with its eligible agent */
    KEPT,
    /** nobody eligible: the conversation waits in its team's queue */
    QUEUED,
    ESCALATED,
    UNASSIGNED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
