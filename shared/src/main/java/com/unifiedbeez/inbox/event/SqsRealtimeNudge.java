package com.unifiedbeez.inbox.event;

import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Lazy;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;

/**
 * Nudges through the realtime FIFO queue, one message group per organization: the fan-out of one
 * organization runs one pass at a time and in order, while organizations never wait for each
 * other. Without {@value #QUEUE_URL} (realtime switched off) events wait for the sweeper.
 */
@Singleton
public final class SqsRealtimeNudge implements RealtimeNudge {
    public static final String QUEUE_URL = "INBOX_REALTIME_QUEUE_URL";
    private static final Logger LOG = LoggerFactory.getLogger(SqsRealtimeNudge.class);

    private final Lazy<SqsClient> sqs;
    private final Optional<String> queueUrl;
    /** This thread's organizations to nudge when its {@link #batched} work ends (null: none open). */
    private final ThreadLocal<Set<UUID>> held = new ThreadLocal<>();

    @Inject
    public SqsRealtimeNudge(Lazy<SqsClient> sqs, Config config) {
        this.sqs = sqs;
        this.queueUrl = config.get(QUEUE_URL).filter(url -> !url.isBlank());
        if (queueUrl.isEmpty()) {
            LOG.info("{} is not set: events are pushed by the realtime sweeper only", QUEUE_URL);
        }
    }

    @Override
    public <T> T batched(Supplier<T> work) {
        if (held.get() != null) {
            return work.get(); // already inside a batch: its end sends
        }
        Set<UUID> organizations = new LinkedHashSet<>();
        held.set(organizations);
        try {
            return work.get();
        } finally {
            held.remove();
            organizations.forEach(this::nudge);
        }
    }

    @Override
    public void nudge(UUID organizationId) {
        if (queueUrl.isEmpty()) {
            return;
        }
        Set<UUID> holding = held.get();
        if (holding != null) {
            holding.add(organizationId);
            return;
        }
        try {
            sqs.get().sendMessage(m -> m.queueUrl(queueUrl.get())
                    .messageGroupId(organizationId.toString())
                    // every nudge counts: FIFO deduplication must not swallow a second one within 5 minutes
                    .messageDeduplicationId(Ids.newId().toString())
                    .messageBody(Json.write(Map.of("organizationId", organizationId))));
        } catch (SdkException e) {
            LOG.warn("realtime nudge for organization {} not sent; the sweeper pushes its events", organizationId, e);
        }
    }
}
