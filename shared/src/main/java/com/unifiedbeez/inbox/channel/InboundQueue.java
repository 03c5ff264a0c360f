package com.unifiedbeez.inbox.channel;

import java.util.List;

/**
 * The inbound SQS FIFO queue between webhooks (and the email poller) and the normalizer. Group =
 * connection + customer, so each conversation is normalized in order; deduplication = a hash of
 * the payload, so a webhook retried within five minutes is queued once.
 */
public interface InboundQueue {
    /** Throws if any envelope was not taken; the caller answers 5xx and the platform retries. */
    void enqueue(List<InboundEnvelope> envelopes);
}
