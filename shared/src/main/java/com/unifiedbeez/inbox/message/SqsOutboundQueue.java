package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The outbound queue on SQS FIFO: one message group per conversation, deduplicated by message id. */
@Singleton
public final class SqsOutboundQueue implements OutboundQueue {
    public static final String QUEUE_URL = "INBOX_OUTBOUND_QUEUE_URL";

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public SqsOutboundQueue(SqsClient sqs, Config config) {
        this.sqs = sqs;
        this.queueUrl = config.require(QUEUE_URL);
    }

    @Override
    public void enqueue(OutboundSend send) {
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageGroupId(send.conversationId().toString())
                .messageDeduplicationId(send.messageId().toString())
                .messageBody(Json.write(send))
                .build());
    }
}
