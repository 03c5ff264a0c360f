package com.unifiedbeez.inbox.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.testkit.SqsEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The FIFO batch rule on its own: which records are tried, which are reported, in which order. */
class FifoBatchTest {
    private final List<String> tried = new ArrayList<>();

    private static SQSMessage record(String id, String group) {
        return SqsEvents.record(id, "body of " + id, Map.of("MessageGroupId", group, "ApproximateReceiveCount", "1"));
    }

    /** A handler that is done with every record except those named. */
    private FifoBatch.RecordHandler failing(String... ids) {
        Set<String> failing = Set.of(ids);
        return r -> {
            tried.add(r.getMessageId());
            return !failing.contains(r.getMessageId());
        };
    }

    @Test
    void aBatchDoneWithReportsNothingAndTriesEveryRecordInOrder() {
        List<SQSMessage> batch = List.of(record("m1", "a"), record("m2", "b"), record("m3", "a"));

        assertThat(FifoBatch.process(batch, failing())).isEmpty();
        assertThat(tried).containsExactly("m1", "m2", "m3");
    }

    @Test
    void theFirstFailureAndEveryLaterRecordAreReportedInBatchOrderUntried() {
        List<SQSMessage> batch = List.of(record("m1", "a"), record("m2", "a"), record("m3", "a"), record("m4", "a"));

        assertThat(FifoBatch.process(batch, failing("m2"))).containsExactly("m2", "m3", "m4");
        assertThat(tried).as("nothing after the failure is tried out of turn").containsExactly("m1", "m2");
    }

    @Test
    void aFailureHoldsTheLaterRecordsOfOtherGroupsToo() {
        List<SQSMessage> batch = List.of(record("a1", "a"), record("b1", "b"), record("a2", "a"), record("c1", "c"));

        assertThat(FifoBatch.process(batch, failing("b1"))).containsExactly("b1", "a2", "c1");
        assertThat(tried).containsExactly("a1", "b1");
    }

    @Test
    void aHandlerThatThrowsCountsAsNotDoneWith() {
        List<SQSMessage> batch = List.of(record("m1", "a"), record("m2", "a"), record("m3", "b"));

        List<String> failures = FifoBatch.process(batch, r -> {
            tried.add(r.getMessageId());
            if (r.getMessageId().equals("m2")) {
                throw new IllegalStateException("on purpose");
            }
            return true;
        });

        assertThat(failures).containsExactly("m2", "m3");
        assertThat(tried).containsExactly("m1", "m2");
    }

    @Test
    void theResponseNamesTheFailuresByMessageIdForLambda() {
        List<SQSMessage> batch = List.of(record("m1", "a"), record("m2", "a"));

        SQSBatchResponse response = FifoBatch.response(batch, failing("m1"));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1", "m2");
        assertThat(FifoBatch.response(batch, failing()).getBatchItemFailures()).isEmpty();
    }

    @Test
    void anEventWithoutRecordsIsDone() {
        assertThat(FifoBatch.process(null, failing())).isEmpty();
        assertThat(FifoBatch.process(List.of(), failing())).isEmpty();
    }

    @Test
    void theReceiveCountIsSqssOrOneWhenLambdaDidNotSay() {
        SQSMessage again = record("m1", "a");
        again.getAttributes().put("ApproximateReceiveCount", "3");
        SQSMessage bare = new SQSMessage();

        assertThat(FifoBatch.receiveCount(again)).isEqualTo(3);
        assertThat(FifoBatch.receiveCount(bare)).isEqualTo(1);
    }
}
