package com.unifiedbeez.inbox.functions.conversations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real conversations handler on the real test database and a real outbound FIFO queue
 * (ElasticMQ), called as Lambda would call it.
 */
final class HandlerHarness {
    static final String QUEUE = LocalAws.createQueue(LocalAws.unique("outbound") + ".fifo", true);
    static final Config CONFIG = LocalAws.config(TestDatabase.config()).with(SqsOutboundQueue.QUEUE_URL, QUEUE);
    private static ConversationsHandler handler;

    private HandlerHarness() {
    }

    static synchronized ConversationsHandler handler() {
        if (handler == null) {
            handler = new ConversationsHandler(DaggerConversationsComponent.factory().create(CONFIG));
        }
        return handler;
    }

    static HttpAnswer call(HttpEvents request) {
        return call(request.build());
    }

    static HttpAnswer call(APIGatewayV2HTTPEvent event) {
        return HttpAnswer.call(handler(), event);
    }

    /** Everything waiting on the outbound queue now, taken off it. */
    static List<Message> drainQueue() {
        return LocalAws.drain(QUEUE);
    }
}
