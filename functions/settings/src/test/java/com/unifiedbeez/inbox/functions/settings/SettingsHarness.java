package com.unifiedbeez.inbox.functions.settings;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;

/** The real settings handler on the test database, with ElasticMQ for the realtime nudge. */
final class SettingsHarness {
    private static SettingsComponent component;

    private SettingsHarness() {
    }

    static synchronized SettingsComponent component() {
        if (component == null) {
            Config config = LocalAws.config(TestDatabase.config());
            component = DaggerSettingsComponent.factory().create(config);
        }
        return component;
    }

    static HttpAnswer call(HttpEvents request) {
        return HttpAnswer.call(new SettingsHandler(component()), request.build());
    }
}
