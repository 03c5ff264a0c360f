package com.unifiedbeez.inbox.assignment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What caused an assignment decision (the history's {@code trigger}). */
public enum Trigger {
    /** a new conversation arrived in a team that assigns automatically */
    ARRIVAL,
    /** a resolved conversation was reopened by its customer */
    REOPEN,
    MANUAL, CLAIM, TRANSFER,
    /** {@code POST /api/inbox/auto-assign} */
    AUTO_ASSIGN,
    BULK_REASSIGN,
    /** a queued conversation taken when an agent became available */
    DRAIN,
    /** the agent went away or offline without replying for the team's time */
    AWAY,
    /** the agent missed the team's first-touch deadline */
    FIRST_TOUCH,
    /** too many first-touch misses in a row: back to the queue, admins told */
    ESCALATION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
