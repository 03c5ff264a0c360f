package com.unifiedbeez.inbox.channel;

import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The inbound side of a channel adapter: platform payload in, unified events out. */
public interface IncomingNormalizer {
    Channel channel();

    /**
     * The events of one queued payload ({@link InboundEnvelope#payload}), in the platform's order.
     * Unknown event kinds are skipped (logged), never an error: a new platform feature must not
     * block the queue. Throws IllegalArgumentException only for a payload that is not the
     * platform's format at all.
     */
    List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload);

    /**
     * Downloads a file the platform holds for us. {@link MediaUnavailable} means never: the file is
     * gone or out of reach for good (too big, expired, deleted) and the message is stored without
     * it. Any other IOException (or a RuntimeException) means try again later: the record is
     * retried by the queue. Throw MediaUnavailable only when the platform says so unambiguously;
     * 5xx, 429 and network failures are always "later".
     */
    MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException;

    /**
     * Best effort: the name and picture of a customer the payload named only by id, asked of the
     * platform once, when the inbox first meets them (never per message). Empty when the platform
     * offers no lookup or refuses (a missing permission, 5xx, not reached): the caller stores the
     * message regardless and never asks again. Must not throw, and must log no credential.
     */
    default Optional<CustomerProfile> profile(ChannelConnection connection, String identifier) {
        return Optional.empty();
    }

    /**
     * Whether {@link #profile} can answer at all: a channel without a lookup spares every nameless
     * message the database check for a first-time customer.
     */
    default boolean looksUpProfiles() {
        return false;
    }
}
