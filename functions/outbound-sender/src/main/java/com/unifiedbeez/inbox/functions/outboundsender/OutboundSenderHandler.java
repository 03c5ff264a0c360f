package com.unifiedbeez.inbox.functions.outboundsender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import com.unifiedbeez.inbox.outbound.RateLimits;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.lambda.FifoBatch;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the outbound FIFO queue: each record is one accepted send, delivered in batch order.
 * At the first record that must wait (a transient platform failure) or that failed unexpectedly,
 * it and every later record are reported as batch item failures ({@link FifoBatch}: order within
 * a conversation is kept); a record to retry is first made invisible for its backoff delay.
 */
public final class OutboundSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSenderHandler.class);

    private final OutboundSenderComponent services;
    final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public OutboundSenderHandler() {
        this(DaggerOutboundSenderComponent.factory().create(Config.fromEnvironment()));
    }

    public OutboundSenderHandler(OutboundSenderComponent services) {
        this.services = services;
        // A send of no stored message: one lookup, nothing sent.
        this.priming = Priming.register(() -> handleRequest(event(Json.write(
                new OutboundSend(Ids.newId(), Ids.newId(), Ids.newId()))), null), services.dataSource());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        RateLimits batch = new RateLimits();
        return FifoBatch.response(event.getRecords(), record -> deliver(record, batch));
    }

    /** True when the record is done with; false when it must come back. */
    private boolean deliver(SQSMessage record, RateLimits batch) {
        try {
            OutboundSend send = Json.mapper().readValue(record.getBody(), OutboundSend.class);
            DeliveryResult result = services.delivery().deliver(send, FifoBatch.receiveCount(record), batch);
            if (result instanceof DeliveryResult.RetryLater later) {
                services.redelivery().after(record.getReceiptHandle(), later.delay());
                return false;
            }
            return true;
        } catch (Exception e) {
            LOG.error("outbound record {} failed; it comes back after the visibility timeout", record.getMessageId(), e);
            return false;
        }
    }

    private static SQSEvent event(String body) {
        SQSMessage record = new SQSMessage();
        record.setMessageId("priming");
        record.setBody(body);
        record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
