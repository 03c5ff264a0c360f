package com.unifiedbeez.inbox.functions.inboundnormalizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.lambda.FifoBatch;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Consumer of the inbound FIFO queue (ReportBatchItemFailures): each record is one platform
 * payload, normalized and stored in order ({@link com.unifiedbeez.inbox.inbound.InboundBatch}); the
 * first failure and everything after it go back to the queue.
 */
public final class InboundNormalizerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InboundNormalizerComponent services;
    final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public InboundNormalizerHandler() {
        this(DaggerInboundNormalizerComponent.factory().create(Config.fromEnvironment()));
    }

    public InboundNormalizerHandler(InboundNormalizerComponent services) {
        this.services = services;
        // A payload for a connection that does not exist: the envelope read, the connection looked up,
        // the payload dropped. Nothing is stored, nothing is called.
        this.priming = Priming.register(() -> services.batch().process(List.of(primingRecord())), services.dataSource());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return FifoBatch.response(services.batch().process(event.getRecords()));
    }

    private static SQSMessage primingRecord() {
        SQSMessage record = new SQSMessage();
        record.setMessageId("priming");
        record.setBody(Json.write(new InboundEnvelope(Channel.WHATSAPP.wireName(), Ids.newId(), Ids.newId(), "priming",
                Instant.now(), "{}")));
        record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return record;
    }
}
