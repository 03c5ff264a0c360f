package com.unifiedbeez.inbox.contact;

import com.unifiedbeez.inbox.channel.Channel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A contact with every channel identity it is reachable on. */
public record ContactView(
        UUID id,
        String name,
        String email,
        String phone,
        String avatarUrl,
        List<Identity> identities,
        Instant createdAt) {

    /** The contact's address on one channel: wa_id, PSID, IGSID, chat id, email address or phone. */
    public record Identity(Channel channel, String identifier, String displayName) {
    }
}
