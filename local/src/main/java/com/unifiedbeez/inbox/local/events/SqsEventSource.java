package com.unifiedbeez.inbox.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.unifiedbeez.inbox.local.aws.LocalResources.LocalQueue;
import com.unifiedbeez.inbox.local.gateway.LambdaFunction;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.testkit.SqsEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping, as Lambda runs one: poll the queue (long poll), hand the batch to the
 * function as an {@link SQSEvent}, delete what was processed.
 *
 * <ul>
 *   <li>The function returns normally: every record is deleted — except, with
 *       {@code FunctionResponseTypes: [ReportBatchItemFailures]}, those its {@link SQSBatchResponse}
 *       names. An item identifier that is empty or not in the batch fails the whole batch.</li>
 *   <li>The function throws (or cannot be built): nothing is deleted.</li>
 *   <li>FIFO queue: records are deleted in order up to the first failed one; it and every later
 *       record stay (order within a message group is kept).</li>
 * </ul>
 * What is not deleted comes back when its visibility timeout is over, and after the queue's
 * {@code maxReceiveCount} receives goes to its dead-letter queue (the queue does that). One poller
 * per mapping, so one batch at a time (Lambda scales pollers out; order is kept either way).
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("events.sqs");

    /** What happened to one batch. */
    public record Outcome(int records, List<String> deleted, boolean threw) {
    }

    private final SamTemplate.SqsEvent mapping;
    private final LocalQueue queue;
    private final LambdaFunction function;
    private final SqsClient sqs;
    private final String region;
    private final int waitSeconds;
    private volatile boolean running;
    private Thread thread;

    public SqsEventSource(SamTemplate.SqsEvent mapping, LocalQueue queue, LambdaFunction function, SqsClient sqs,
                          String region, Duration pollWait) {
        this.mapping = mapping;
        this.queue = queue;
        this.function = function;
        this.sqs = sqs;
        this.region = region;
        this.waitSeconds = (int) Math.max(0, Math.min(20, pollWait.toSeconds()));
    }

    public SamTemplate.SqsEvent mapping() {
        return mapping;
    }

    public LocalQueue queue() {
        return queue;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "sqs-" + mapping.functionName() + "-" + mapping.eventName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the poller to stop after its current poll or batch. */
    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(waitSeconds + 10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                List<Message> batch = receive();
                failures = 0;
                if (!batch.isEmpty() && running) {
                    process(batch);
                } else if (batch.isEmpty() && !running) {
                    return;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 30 == 0) {
                    LOG.warn("{} <- {}: polling failed: {}", mapping.functionName(), queue.name(), e.toString());
                }
                sleep(Math.min(5_000, 200L * failures));
            }
        }
    }

    /** Up to BatchSize messages: one receive, more when BatchSize > 10 within the batching window. */
    List<Message> receive() {
        int batchSize = Math.max(1, Math.min(mapping.batchSize(), queue.fifo() ? 10 : 10_000));
        List<Message> batch = new ArrayList<>();
        long windowEnd = System.nanoTime() + Duration.ofSeconds(mapping.maximumBatchingWindowSeconds()).toNanos();
        do {
            int want = Math.min(10, batchSize - batch.size());
            int wait = batch.isEmpty() ? waitSeconds : 0;
            batch.addAll(sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(want).waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                    .messages());
        } while (running && !batch.isEmpty() && batch.size() < batchSize && System.nanoTime() < windowEnd);
        return batch;
    }

    /** Invokes the function with {@code batch} and deletes what Lambda would delete. */
    public Outcome process(List<Message> batch) {
        SQSEvent event = event(batch);
        long start = System.nanoTime();
        Set<String> failed = new LinkedHashSet<>();
        boolean threw = false;
        boolean wholeBatchFailed = false;
        try {
            Object result = function.invoke(event, UUID.randomUUID().toString());
            if (mapping.reportBatchItemFailures() && result instanceof SQSBatchResponse response
                    && response.getBatchItemFailures() != null) {
                Set<String> ids = new LinkedHashSet<>();
                batch.forEach(m -> ids.add(m.messageId()));
                for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
                    String id = f == null ? null : f.getItemIdentifier();
                    if (id == null || id.isBlank() || !ids.contains(id)) {
                        LOG.warn("{} reported the item identifier '{}', which is no record of the batch: the whole"
                                + " batch failed (as in Lambda)", mapping.functionName(), id);
                        wholeBatchFailed = true;
                        break;
                    }
                    failed.add(id);
                }
            }
        } catch (LambdaFunction.FunctionError e) {
            threw = true;
            LOG.error("{} <- {}: {} (the {} records return after the visibility timeout)", mapping.functionName(),
                    queue.name(), e.getMessage(), batch.size(), e.getCause() == null ? e : e.getCause());
        }
        List<Message> delete = new ArrayList<>();
        if (!threw && !wholeBatchFailed) {
            for (Message m : batch) {
                if (failed.contains(m.messageId())) {
                    if (queue.fifo()) {
                        break; // this one and everything after it stay, in order
                    }
                    continue;
                }
                delete.add(m);
            }
        }
        delete(delete);
        LOG.info("{} <- {}: {} records, {} deleted, {} ms", mapping.functionName(), queue.name(), batch.size(),
                delete.size(), (System.nanoTime() - start) / 1_000_000);
        return new Outcome(batch.size(), delete.stream().map(Message::messageId).toList(), threw);
    }

    private void delete(List<Message> messages) {
        for (int i = 0; i < messages.size(); i += 10) {
            List<Message> chunk = messages.subList(i, Math.min(messages.size(), i + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                int index = j;
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(index))
                        .receiptHandle(chunk.get(j).receiptHandle()).build());
            }
            var response = sqs.deleteMessageBatch(d -> d.queueUrl(queue.url()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                LOG.warn("{}: {} deletes failed: {}", queue.name(), response.failed().size(), response.failed());
            }
        }
    }

    /** The event Lambda builds from these messages. */
    SQSEvent event(List<Message> batch) {
        return SqsEvents.event(batch, queue.arn(), region);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
