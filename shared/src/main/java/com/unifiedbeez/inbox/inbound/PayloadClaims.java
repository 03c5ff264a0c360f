package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import dagger.Lazy;
import java.nio.charset.StandardCharsets;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The claim check of the inbound queue: a payload too large for an SQS message (256 KiB) waits in
 * the media bucket under {@code inbound-claims/<organization>/<connection>/<digest>} and the queued
 * envelope names the key. Answering the platform 500 instead would make it deliver the same
 * oversized payload again for days. The key is the envelope's deduplication digest, so a delivery
 * retried by the platform writes the same object again. The bucket keeps claims for the queue's
 * retention (template.yaml, MediaBucket lifecycle), not forever.
 *
 * <p>The S3 client is built on the first oversized payload only ({@link Lazy}): a webhook function
 * that never meets one never pays for it at cold start.
 */
@Singleton
public final class PayloadClaims {
    public static final String PREFIX = "inbound-claims/";

    private final Lazy<MediaStorage> storage;

    @Inject
    public PayloadClaims(Lazy<MediaStorage> storage) {
        this.storage = storage;
    }

    /** Stores the payload and answers the envelope that names it. */
    public InboundEnvelope check(InboundEnvelope envelope, String digest) {
        String key = PREFIX + envelope.organizationId() + "/" + envelope.connectionId() + "/" + digest;
        storage.get().put(key, envelope.payload().getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        return envelope.claimedAt(key);
    }

    /** The envelope with its payload, read back from the bucket when it was checked. */
    public InboundEnvelope redeem(InboundEnvelope envelope) {
        if (envelope.payloadKey() == null) {
            return envelope;
        }
        if (!envelope.payloadKey().startsWith(PREFIX)) {
            throw new PermanentFailure("envelope names a payload outside " + PREFIX + ": " + envelope.payloadKey());
        }
        return envelope.redeemed(new String(storage.get().get(envelope.payloadKey()), StandardCharsets.UTF_8));
    }
}
