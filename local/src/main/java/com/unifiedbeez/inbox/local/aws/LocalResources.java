package com.unifiedbeez.inbox.local.aws;

import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The template's queues and buckets, created on the local stand-ins, and the values that
 * {@code !Ref} / {@code !GetAtt} of them take here.
 *
 * <ul>
 *   <li>A queue is named by its literal QueueName, else its logical id ({@code .fifo} added for a
 *       FIFO queue); dead-letter queues are created before the queues that redrive to them, and a
 *       RedrivePolicy names the DLQ's local ARN. {@code !Ref Q} is the queue URL; {@code Q.Arn},
 *       {@code Q.QueueName}, {@code Q.QueueUrl} are what they are in AWS.</li>
 *   <li>A bucket is named by its literal BucketName, else its logical id lower-cased.
 *       {@code !Ref B} is the name; {@code B.Arn} is {@code arn:aws:s3:::name}.</li>
 * </ul>
 */
public final class LocalResources {
    private static final Logger LOG = LoggerFactory.getLogger(LocalResources.class);

    /** A created queue. */
    public record LocalQueue(String logicalId, String name, String url, String arn, boolean fifo,
                             Map<String, String> attributes) {
    }

    /** A created bucket. */
    public record LocalBucket(String logicalId, String name) {
    }

    private final Map<String, LocalQueue> queues;
    private final Map<String, LocalBucket> buckets;

    private LocalResources(Map<String, LocalQueue> queues, Map<String, LocalBucket> buckets) {
        this.queues = queues;
        this.buckets = buckets;
    }

    /** Creates every queue and bucket of {@code template} (idempotent: existing ones are kept). */
    public static LocalResources create(SamTemplate template, SqsClient sqs, S3Client s3, String region) {
        Map<String, LocalQueue> queues = new LinkedHashMap<>();
        Map<String, SamTemplate.Queue> pending = new LinkedHashMap<>();
        template.queues().forEach(q -> pending.put(q.logicalId(), q));
        // dead-letter queues first: a queue is created once the queue it redrives to exists
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (SamTemplate.Queue q : new ArrayList<>(pending.values())) {
                String dlq = q.redrive() == null ? null : q.redrive().deadLetterTarget();
                boolean waits = dlq != null && pending.containsKey(dlq) && !dlq.equals(q.logicalId());
                if (!waits) {
                    queues.put(q.logicalId(), createQueue(q, queues, sqs, region));
                    pending.remove(q.logicalId());
                    progress = true;
                }
            }
            if (!progress) { // a redrive cycle: break it by creating one queue without its policy
                SamTemplate.Queue q = pending.values().iterator().next();
                LOG.warn("queues {} redrive to each other; {} is created without its RedrivePolicy", pending.keySet(),
                        q.logicalId());
                queues.put(q.logicalId(), createQueue(new SamTemplate.Queue(q.logicalId(), q.queueName(), q.fifo(),
                        q.attributes(), null), queues, sqs, region));
                pending.remove(q.logicalId());
            }
        }
        Map<String, LocalBucket> buckets = new LinkedHashMap<>();
        List<String> existing = s3.listBuckets().buckets().stream().map(b -> b.name()).toList();
        for (SamTemplate.Bucket b : template.buckets()) {
            String name = b.bucketName() != null ? b.bucketName() : b.logicalId().toLowerCase(Locale.ROOT);
            if (!existing.contains(name)) {
                s3.createBucket(c -> c.bucket(name));
            }
            buckets.put(b.logicalId(), new LocalBucket(b.logicalId(), name));
        }
        return new LocalResources(queues, buckets);
    }

    private static LocalQueue createQueue(SamTemplate.Queue q, Map<String, LocalQueue> created, SqsClient sqs,
                                          String region) {
        String name = q.queueName() != null ? q.queueName()
                : q.fifo() && !q.logicalId().endsWith(".fifo") ? q.logicalId() + ".fifo" : q.logicalId();
        Map<String, String> attributes = new LinkedHashMap<>(q.attributes());
        if (q.fifo()) {
            attributes.put("FifoQueue", "true");
        }
        if (q.redrive() != null) {
            LocalQueue dlq = created.get(q.redrive().deadLetterTarget());
            String target = dlq != null ? dlq.arn() : q.redrive().deadLetterTarget();
            if (dlq == null && !target.startsWith("arn:")) {
                LOG.warn("queue {}: RedrivePolicy names {}, which is no queue of the template; created without it",
                        q.logicalId(), target);
            } else {
                attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + target + "\",\"maxReceiveCount\":"
                        + q.redrive().maxReceiveCount() + "}");
            }
        }
        String url = create(sqs, name, attributes, q.logicalId());
        String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new LocalQueue(q.logicalId(), name, url, arn, q.fifo(), attributes);
    }

    private static String create(SqsClient sqs, String name, Map<String, String> attributes, String logicalId) {
        try {
            return sqs.createQueue(c -> c.queueName(name).attributesWithStrings(attributes)).queueUrl();
        } catch (SqsException e) {
            // an attribute the stand-in does not know (or a changed one on an existing queue): say so
            // and create the queue with what it accepts, so the runtime still starts
            Map<String, String> known = new HashMap<>();
            for (String key : List.of("FifoQueue", "ContentBasedDeduplication", "VisibilityTimeout",
                    "MessageRetentionPeriod", "DelaySeconds", "RedrivePolicy")) {
                if (attributes.containsKey(key)) {
                    known.put(key, attributes.get(key));
                }
            }
            LOG.warn("queue {}: {}; creating it with {} only", logicalId, e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage(), known.keySet());
            return sqs.createQueue(c -> c.queueName(name).attributesWithStrings(known)).queueUrl();
        }
    }

    public Map<String, LocalQueue> queues() {
        return queues;
    }

    public Map<String, LocalBucket> buckets() {
        return buckets;
    }

    public Optional<LocalQueue> queue(String logicalId) {
        return Optional.ofNullable(queues.get(logicalId));
    }

    /**
     * The local value of a template value that is a reference to one of these resources
     * ({@code "Q"} → the queue URL, {@code "Q.Arn"} → its ARN, {@code "B"} → the bucket name, ...);
     * empty for anything else.
     */
    public Optional<String> resolve(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        int dot = v.indexOf('.');
        String id = dot < 0 ? v : v.substring(0, dot);
        String attribute = dot < 0 ? null : v.substring(dot + 1);
        LocalQueue q = queues.get(id);
        if (q != null) {
            if (attribute == null || attribute.equals("QueueUrl")) {
                return Optional.of(q.url());
            }
            return switch (attribute) {
                case "Arn" -> Optional.of(q.arn());
                case "QueueName" -> Optional.of(q.name());
                default -> Optional.empty();
            };
        }
        LocalBucket b = buckets.get(id);
        if (b != null) {
            if (attribute == null) {
                return Optional.of(b.name());
            }
            return switch (attribute) {
                case "Arn" -> Optional.of("arn:aws:s3:::" + b.name());
                case "DomainName", "RegionalDomainName" -> Optional.of(b.name() + ".s3.localhost");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /**
     * The system properties the functions' environments ask for: every variable whose value refers
     * to a local queue or bucket, resolved. Other variables (database settings, !Sub strings, ...)
     * are not set here.
     */
    public Map<String, String> environment(List<SamTemplate.Function> functions) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (SamTemplate.Function f : functions) {
            f.environment().forEach((name, value) -> resolve(value).ifPresent(resolved -> {
                String before = properties.putIfAbsent(name, resolved);
                if (before != null && !before.equals(resolved)) {
                    // one process, one set of system properties: the functions cannot differ here
                    LOG.warn("environment variable {} means {} for one function and {} for {}: the first is used",
                            name, before, resolved, f.name());
                }
            }));
        }
        return properties;
    }
}
