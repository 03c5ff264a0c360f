package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What the inbound queue carries: one platform payload for one conversation, as received.
 *
 * @param channel    wire name of the channel
 * @param customer   the customer's platform id; with the connection it forms the FIFO group
 * @param payload    the platform payload (JSON, or form-encoded for Twilio). An email, too large for a
 *                   queue message, is kept raw in the media bucket and its payload names the key.
 * @param payloadKey set instead of {@code payload} when the payload would not fit in a queue message
 *                   (a claim check, {@link PayloadClaims}): the media bucket key that holds it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboundEnvelope(String channel, UUID connectionId, UUID organizationId, String customer,
                              Instant receivedAt, String payload, String payloadKey) {
    public InboundEnvelope(String channel, UUID connectionId, UUID organizationId, String customer, Instant receivedAt,
                           String payload) {
        this(channel, connectionId, organizationId, customer, receivedAt, payload, null);
    }

    /** This envelope with its payload left in the bucket under {@code key}. */
    public InboundEnvelope claimedAt(String key) {
        return new InboundEnvelope(channel, connectionId, organizationId, customer, receivedAt, null, key);
    }

    /** This envelope with its payload back from the bucket. */
    public InboundEnvelope redeemed(String storedPayload) {
        return new InboundEnvelope(channel, connectionId, organizationId, customer, receivedAt, storedPayload, null);
    }
}
