package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Database;

/** Events for tests of what the stores write: written to the log, with no fan-out to nudge. */
public final class TestEvents {
    private TestEvents() {
    }

    public static DomainEvents written(Database database) {
        return new DomainEvents(database, organizationId -> {
            // no fan-out here: these tests read the log itself
        });
    }
}
