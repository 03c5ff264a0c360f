package com.unifiedbeez.inbox.functions.realtime;

import com.unifiedbeez.inbox.platform.auth.TokenVerifier;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.realtime.ConnectionPushModule;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.LocalDynamo;
import com.unifiedbeez.inbox.testing.TestDatabase;

/**
 * The real realtime handlers on the test database, dynalite (a realtime table made from the
 * template) and ElasticMQ. No WebSocket gateway here: with no connection registered nothing is
 * posted (the gateway's tests are in the local module).
 */
final class RealtimeHarness {
    static final String TABLE = LocalDynamo.createRealtimeTable();
    static final Config CONFIG = LocalDynamo.config(LocalAws.config(TestDatabase.config()))
            .with(com.unifiedbeez.inbox.platform.aws.AwsConfig.REALTIME_TABLE, TABLE)
            .with(ConnectionPushModule.ENDPOINT, "http://127.0.0.1:9")
            .with(TokenVerifier.ISSUER, "inbox-test").with(TokenVerifier.AUDIENCE, "inbox-test")
            .with(Config.JWT_SECRET, "a-test-secret-of-more-than-32-bytes!");
    private static RealtimeComponent component;

    private RealtimeHarness() {
    }

    static synchronized RealtimeComponent component() {
        if (component == null) {
            component = DaggerRealtimeComponent.factory().create(CONFIG);
        }
        return component;
    }

    static HttpAnswer call(HttpEvents request) {
        return HttpAnswer.call(new RealtimeHandler(component()), request.build());
    }
}
