package com.unifiedbeez.inbox.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Nudges on a real FIFO queue (ElasticMQ): every nudge counts, a batch sends one per organization. */
class SqsRealtimeNudgeTest {
    private final String queue = LocalAws.createQueue(LocalAws.unique("realtime") + ".fifo", true);
    private final SqsRealtimeNudge nudge = new SqsRealtimeNudge(LocalAws::sqs,
            LocalAws.config().with(SqsRealtimeNudge.QUEUE_URL, queue));

    @Test
    void everyNudgeIsSentEvenTheSameOrganizationsTwice() {
        UUID org = UUID.randomUUID();
        nudge.nudge(org);
        nudge.nudge(org);

        List<Message> sent = LocalAws.drain(queue);
        assertThat(sent).hasSize(2).allSatisfy(m -> assertThat(m.body()).contains(org.toString()));
    }

    @Test
    void aBatchSendsOnePerOrganizationWhenItEnds() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();

        int result = nudge.batched(() -> {
            nudge.nudge(one);
            nudge.nudge(two);
            nudge.nudge(one);
            assertThat(LocalAws.drain(queue)).as("held until the batch ends").isEmpty();
            return 7;
        });

        assertThat(result).isEqualTo(7);
        assertThat(LocalAws.drain(queue)).extracting(Message::body)
                .containsExactlyInAnyOrder("{\"organizationId\":\"" + one + "\"}", "{\"organizationId\":\"" + two + "\"}");
    }

    @Test
    void aBatchThatFailsStillNudgesForWhatItCommitted() {
        UUID org = UUID.randomUUID();
        try {
            nudge.batched(() -> {
                nudge.nudge(org);
                throw new IllegalStateException("a record failed");
            });
        } catch (IllegalStateException expected) {
            // the batch's failure is its own
        }
        assertThat(LocalAws.drain(queue)).hasSize(1);
    }

    @Test
    void withoutAQueueNothingIsSent() {
        SqsRealtimeNudge off = new SqsRealtimeNudge(LocalAws::sqs, Config.of(java.util.Map.of()));
        off.nudge(UUID.randomUUID());
        off.batched(() -> {
            off.nudge(UUID.randomUUID());
            return null;
        });
        assertThat(LocalAws.drain(queue)).isEmpty();
    }
}
