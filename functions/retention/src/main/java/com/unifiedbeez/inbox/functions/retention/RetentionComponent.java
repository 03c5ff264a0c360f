package com.unifiedbeez.inbox.functions.retention;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.platform.aws.AwsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.retention.RetentionSweeper;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/**
 * PostgreSQL (settings, messages, attachments) and the media bucket. The realtime nudge only
 * because the stores it shares with the API can announce events; retention announces none.
 */
@Singleton
@Component(modules = {DatabaseModule.class, AwsModule.class, MediaStorageModule.class, RealtimeNudgeModule.class})
public interface RetentionComponent {
    RetentionSweeper sweeper();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        RetentionComponent create(@BindsInstance Config config);
    }
}
