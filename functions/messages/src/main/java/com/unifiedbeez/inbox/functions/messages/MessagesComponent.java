package com.unifiedbeez.inbox.functions.messages;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.attachment.AttachmentUploads;
import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.message.MessageDeleter;
import com.unifiedbeez.inbox.message.MessageHistory;
import com.unifiedbeez.inbox.message.MessageReactions;
import com.unifiedbeez.inbox.message.MessageSearch;
import com.unifiedbeez.inbox.message.MessageStatusUpdater;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.platform.aws.AwsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.http.HttpComponent;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** What the messages function needs: PostgreSQL, the outbound SQS queue and the media bucket. */
@Singleton
@Component(modules = {DatabaseModule.class, AwsModule.class, OutboundQueueModule.class, MediaStorageModule.class, RealtimeNudgeModule.class})
public interface MessagesComponent extends HttpComponent {
    MessageHistory history();

    MessageSubmitter submitter();

    AttachmentUploads uploads();

    MessageSearch search();

    MessageStatusUpdater statusUpdater();

    MessageReactions reactions();

    MessageDeleter deleter();

    @Component.Factory
    interface Factory {
        MessagesComponent create(@BindsInstance Config config);
    }
}
