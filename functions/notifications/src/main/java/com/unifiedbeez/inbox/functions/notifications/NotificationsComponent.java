package com.unifiedbeez.inbox.functions.notifications;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.notification.NotificationMailer;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/**
 * PostgreSQL (the event log, users, settings, conversations, the mailer's records and the email
 * channels' credentials) and SMTP. The realtime nudge is there because the settings store it reads
 * through also writes events; this function writes none, so its SQS client is never built.
 */
@Singleton
@Component(modules = {DatabaseModule.class, SqsModule.class, RealtimeNudgeModule.class})
public interface NotificationsComponent {
    NotificationMailer mailer();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        NotificationsComponent create(@BindsInstance Config config);
    }
}
