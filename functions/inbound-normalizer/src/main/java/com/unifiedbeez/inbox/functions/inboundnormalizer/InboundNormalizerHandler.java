package com.unifiedbeez.inbox.functions.inboundnormalizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.unifiedbeez.inbox.platform.config.Config;

/**
 * Consumer of the inbound FIFO queue (ReportBatchItemFailures): each record is one platform
 * payload, normalized and stored in order; the first failure and everything after it go back to
 * the queue.
 */
public final class InboundNormalizerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InboundNormalizerComponent services;

    /** Lambda's entry: one component per container, from the environment. */
    public InboundNormalizerHandler() {
        this(DaggerInboundNormalizerComponent.factory().create(Config.fromEnvironment()));
    }

    public InboundNormalizerHandler(InboundNormalizerComponent services) {
        this.services = services;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return new SQSBatchResponse(services.batch().process(event.getRecords()).stream()
                .map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
