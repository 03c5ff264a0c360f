package com.unifiedbeez.inbox.functions.outboundsweeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.outbound.OutboundScenario;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The sweeper function on its own wiring, embedded PostgreSQL and a FIFO queue in ElasticMQ, with a
 * send that was stored but never reached the queue.
 */
class OutboundSweeperHandlerTest {
    private static final String QUEUE = LocalAws.createQueue(LocalAws.unique("outbound") + ".fifo", true);
    private static final OutboundSweeperHandler HANDLER = new OutboundSweeperHandler(DaggerOutboundSweeperComponent
            .factory().create(LocalAws.config(TestDatabase.config()).with(SqsOutboundQueue.QUEUE_URL, QUEUE)));

    private final OutboundScenario given = new OutboundScenario(Channel.WHATSAPP, "+447700900123");

    /** A send accepted five minutes ago whose enqueue never happened (SQS was down). */
    private UUID stranded(String text) {
        UUID id = given.queued(given.conversation, text, Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS));
        given.fx.exec("UPDATE messages SET enqueued_at = NULL WHERE id = ?", id);
        return id;
    }

    @Test
    void primingBeforeTheSnapshotChangesNothingAndLeavesTheStrandedSendToTheNextRun() {
        UUID id = stranded("Sent while SQS was down");
        DatabaseSnapshot before = DatabaseSnapshot.of();

        HANDLER.priming.beforeCheckpoint(null);

        assertThat(DatabaseSnapshot.of()).as("no row written").isEqualTo(before);
        assertThat(LocalAws.drain(QUEUE)).as("nothing queued").isEmpty();

        // What priming left alone was there to take: the scheduled run re-queues it.
        Map<String, Integer> run = HANDLER.handleRequest(new ScheduledEvent(), null);

        assertThat(run).containsEntry("found", 1).containsEntry("requeued", 1);
        assertThat(LocalAws.drain(QUEUE)).extracting(Message::body).containsExactly(Json.write(given.send(id)));
        assertThat(given.column(id, "enqueued_at")).isNotNull();
    }
}
