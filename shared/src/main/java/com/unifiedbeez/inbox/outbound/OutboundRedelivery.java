package com.unifiedbeez.inbox.outbound;

import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backoff through the outbound queue itself: a record to try again is made invisible for the
 * delay (ChangeMessageVisibility) and reported failed, so SQS hands it back then, counting the
 * receive towards the DLQ's maxReceiveCount.
 */
@Singleton
public final class OutboundRedelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundRedelivery.class);

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public OutboundRedelivery(SqsClient sqs, Config config) {
        this.sqs = sqs;
        this.queueUrl = config.require(SqsOutboundQueue.QUEUE_URL);
    }

    /**
     * Brings the received record back after {@code delay} (whole seconds, rounded up). If SQS cannot
     * be told, the record still comes back, after the queue's visibility timeout.
     */
    public void after(String receiptHandle, Duration delay) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, (delay.toMillis() + 999) / 1000);
        try {
            sqs.changeMessageVisibility(v -> v.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
        } catch (SdkException e) {
            LOG.warn("cannot postpone an outbound record by {} s: {}", seconds, e.toString());
        }
    }
}
