package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.TestDatabase;

/** The real channels handler on embedded PostgreSQL, its probes calling the stand-in platform. */
final class ChannelsHarness {
    private static ChannelsHandler handler;

    private ChannelsHarness() {
    }

    static synchronized ChannelsHandler handler() {
        if (handler == null) {
            handler = new ChannelsHandler(DaggerTestChannelsComponent.factory().create(TestDatabase.config()));
        }
        return handler;
    }

    static HttpAnswer call(HttpEvents request) {
        return HttpAnswer.call(handler(), request.build());
    }

    /** Reads connections as the webhooks and the sender do, decrypting with the test key. */
    static ConnectionStore store() {
        return new ConnectionStore(new Database(TestDatabase.dataSource()), new CredentialCipher(TestDatabase.config()));
    }
}
