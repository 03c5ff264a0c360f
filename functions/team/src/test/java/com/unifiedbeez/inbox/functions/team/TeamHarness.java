package com.unifiedbeez.inbox.functions.team;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;

/**
 * The real team handler on the test database, with ElasticMQ for the realtime nudge. Its pool has
 * room for every claimant of {@link ConcurrentClaimTest} at once, as that many Lambda containers
 * would have between them.
 */
final class TeamHarness {
    static final int POOL_SIZE = 24;
    private static TeamComponent component;
    private static TeamHandler handler;

    private TeamHarness() {
    }

    static synchronized TeamComponent component() {
        if (component == null) {
            Config config = LocalAws.config(TestDatabase.config()).with(Config.DB_POOL_SIZE, String.valueOf(POOL_SIZE));
            component = DaggerTeamComponent.factory().create(config);
        }
        return component;
    }

    static synchronized TeamHandler handler() {
        if (handler == null) {
            handler = new TeamHandler(component());
        }
        return handler;
    }

    static HttpAnswer call(HttpEvents request) {
        return HttpAnswer.call(handler(), request.build());
    }
}
