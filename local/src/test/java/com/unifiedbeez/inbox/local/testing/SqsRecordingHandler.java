package com.unifiedbeez.inbox.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only SQS consumer that records what it is given and acts by the body's prefix:
 * {@code ok:} succeeds, {@code fail-once:} is reported as failed the first time it is seen,
 * {@code poison:} is always reported failed, {@code throw-once:} makes the invocation throw the first
 * time it is seen. On a FIFO queue it behaves as the design asks: at the first failure it reports that
 * record and every later one of the batch. Records are kept per function name.
 */
public final class SqsRecordingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** One record as the function saw it, and whether it handled it. */
    public record Seen(String function, String body, String messageId, String receiveCount, String groupId,
                       String sequenceNumber, String eventSource, String eventSourceArn, String awsRegion,
                       boolean handled, long atMillis) {
    }

    public static final Map<String, List<Seen>> SEEN = new ConcurrentHashMap<>();
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    public static List<Seen> seen(String function) {
        return SEEN.getOrDefault(function, List.of());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        String function = context.getFunctionName();
        List<Seen> log = SEEN.computeIfAbsent(function, f -> Collections.synchronizedList(new ArrayList<>()));
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            if (m.getBody().startsWith("throw-once:") && FAILED_ONCE.add(m.getBody())) {
                for (SQSEvent.SQSMessage r : event.getRecords()) {
                    log.add(seen(function, r, false));
                }
                throw new IllegalStateException("failing the whole batch on purpose (" + m.getBody() + ")");
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean fifo = event.getRecords().stream().anyMatch(r -> r.getEventSourceArn().endsWith(".fifo"));
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String body = m.getBody();
            boolean failed = (fifo && !failures.isEmpty())
                    || body.startsWith("poison:")
                    || (body.startsWith("fail-once:") && FAILED_ONCE.add(body));
            log.add(seen(function, m, !failed));
            if (failed) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static Seen seen(String function, SQSEvent.SQSMessage m, boolean handled) {
        Map<String, String> a = m.getAttributes();
        return new Seen(function, m.getBody(), m.getMessageId(), a.get("ApproximateReceiveCount"),
                a.get("MessageGroupId"), a.get("SequenceNumber"), m.getEventSource(), m.getEventSourceArn(),
                m.getAwsRegion(), handled, System.currentTimeMillis());
    }
}
