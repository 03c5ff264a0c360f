package com.unifiedbeez.inbox.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * What the inbound queue carries: one platform payload for one conversation, as received.
 *
 * @param channel  wire name of the channel
 * @param customer the customer's platform id; with the connection it forms the FIFO group
 * @param payload  the platform payload (JSON, or form-encoded for Twilio). An email, too large for a
 *                 queue message, is kept raw in the media bucket and its payload names the key.
 */
public record InboundEnvelope(String channel, UUID connectionId, UUID organizationId, String customer,
                              Instant receivedAt, String payload) {
}
