package com.unifiedbeez.inbox.functions.inboundnormalizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample batch in events/inbound-normalizer is what the handler takes: FIFO records of inbound envelopes. */
class SampleEventTest {
    private static final Path SAMPLE = Path.of("../../events/inbound-normalizer/whatsapp-batch.json");

    @Test
    void theSampleBatchHoldsEnvelopesOfOneConversationAndRunsThroughTheHandler() throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE.toString());
        assertThat(event.getRecords()).hasSize(2);
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            InboundEnvelope envelope = Json.mapper().readValue(record.getBody(), InboundEnvelope.class);
            assertThat(envelope.channel()).isEqualTo("whatsapp");
            assertThat(record.getAttributes().get("MessageGroupId"))
                    .isEqualTo(envelope.connectionId() + ":" + envelope.customer());
            assertThat(Json.mapper().readTree(envelope.payload()).path("object").asText()).isEqualTo("whatsapp_business_account");
        }
        InboundNormalizerHandler handler = new InboundNormalizerHandler(DaggerStandInNormalizerComponent.factory().create(
                LocalAws.config(TestDatabase.config()).with(S3MediaStorage.BUCKET, LocalAws.createBucket(LocalAws.unique("media")))
                        .with(SqsOutboundQueue.QUEUE_URL, LocalAws.createQueue(LocalAws.unique("outbound"), true))));
        // Its connection is not in this database: dropped with a log line, not a failure.
        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
    }
}
