package com.unifiedbeez.inbox.functions.conversations;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.conversation.ConversationAssigner;
import com.unifiedbeez.inbox.conversation.ConversationCreator;
import com.unifiedbeez.inbox.conversation.ConversationDetails;
import com.unifiedbeez.inbox.conversation.ConversationInbox;
import com.unifiedbeez.inbox.conversation.ConversationReadMarker;
import com.unifiedbeez.inbox.conversation.ConversationStatusChanger;
import com.unifiedbeez.inbox.label.ConversationLabeler;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.note.ConversationNotes;
import com.unifiedbeez.inbox.note.MentionInbox;
import com.unifiedbeez.inbox.note.NoteDeleter;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.http.HttpComponent;
import com.unifiedbeez.inbox.platform.time.ClockModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** What the conversations function needs, built once per container: PostgreSQL, and SQS for a first message. */
@Singleton
@Component(modules = {DatabaseModule.class, ClockModule.class, SqsModule.class, OutboundQueueModule.class, RealtimeNudgeModule.class})
public interface ConversationsComponent extends HttpComponent {
    ConversationInbox inbox();

    ConversationDetails details();

    ConversationCreator creator();

    ConversationAssigner assigner();

    ConversationStatusChanger statusChanger();

    ConversationLabeler labeler();

    ConversationNotes notes();

    NoteDeleter noteDeleter();

    MentionInbox mentions();

    ConversationReadMarker readMarker();

    @Component.Factory
    interface Factory {
        ConversationsComponent create(@BindsInstance Config config);
    }
}
