package com.unifiedbeez.inbox.functions.settings;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.http.HttpComponent;
import com.unifiedbeez.inbox.platform.time.ClockModule;
import com.unifiedbeez.inbox.settings.SettingsReader;
import com.unifiedbeez.inbox.settings.SettingsWriter;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/**
 * PostgreSQL, the realtime nudge (a change is announced) and the clock (a change of autoAssignment
 * drains the team queues at once): what the settings function needs.
 */
@Singleton
@Component(modules = {DatabaseModule.class, SqsModule.class, RealtimeNudgeModule.class, ClockModule.class})
public interface SettingsComponent extends HttpComponent {
    SettingsReader reader();

    SettingsWriter writer();

    @Component.Factory
    interface Factory {
        SettingsComponent create(@BindsInstance Config config);
    }
}
