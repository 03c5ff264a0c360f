package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.away.AwayReplies;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.MessageDrafts;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.OutboundDispatch;
import com.unifiedbeez.inbox.message.ReplyConflicts;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.message.TemplateRenderer;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Clock;
import java.util.Map;

/**
 * The real away-reply wiring for tests that build the inbound path by hand: settings from the test
 * database, sends handed to an outbound FIFO queue of the test's own on ElasticMQ.
 */
public final class InboundWiring {
    private InboundWiring() {
    }

    public static AwayReplies awayReplies(Database database, DomainEvents events, Clock clock) {
        SettingsResolver settings = new SettingsResolver(new SettingsStore(events));
        ConversationStore conversations = new ConversationStore(events);
        String queueUrl = LocalAws.createQueue(LocalAws.unique("outbound"), true);
        OutboundDispatch dispatch = new OutboundDispatch(database,
                new SqsOutboundQueue(LocalAws.sqs(), LocalAws.config().with(SqsOutboundQueue.QUEUE_URL, queueUrl)),
                new DeliveryTracker(events));
        MessageSubmitter submitter = new MessageSubmitter(database, conversations, new MessageStore(),
                new AttachmentStore(), dispatch, new MessageDrafts(new TemplateRenderer(), settings),
                new ReplyConflicts(new EventStream(database)));
        return new AwayReplies(settings, conversations, submitter, clock, Config.of(Map.of()));
    }
}
