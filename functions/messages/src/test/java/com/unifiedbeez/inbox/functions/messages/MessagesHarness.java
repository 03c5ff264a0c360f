package com.unifiedbeez.inbox.functions.messages;

import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** The real messages handler on embedded PostgreSQL, ElasticMQ (a FIFO queue) and S3Proxy (a bucket). */
final class MessagesHarness {
    static final String QUEUE = LocalAws.createQueue(LocalAws.unique("outbound") + ".fifo", true);
    static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    static final Config CONFIG = LocalAws.config(TestDatabase.config())
            .with(SqsOutboundQueue.QUEUE_URL, QUEUE)
            .with(S3MediaStorage.BUCKET, BUCKET);
    private static MessagesHandler handler;

    private MessagesHarness() {
    }

    static synchronized MessagesHandler handler() {
        if (handler == null) {
            handler = new MessagesHandler(DaggerMessagesComponent.factory().create(CONFIG));
        }
        return handler;
    }

    static HttpAnswer call(HttpEvents request) {
        return HttpAnswer.call(handler(), request.build());
    }

    /** Everything waiting on the outbound queue now, taken off it. */
    static List<Message> drainQueue() {
        return LocalAws.drain(QUEUE);
    }
}
