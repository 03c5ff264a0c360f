package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.Set;
import java.util.UUID;

/**
 * What the sender of a reply had seen of its conversation, for {@link ReplyConflicts}: the newest
 * event seq of the organization's stream its client held ({@code ifLastEventSeq}) and/or the id of
 * the newest message it showed ({@code ifMatch}, for a client that holds no seq). Neither: no check.
 */
public record ReplyPreconditions(Long lastEventSeq, UUID lastMessageId) {
    /**
     * The request fields that carry them. They are conditions on a send, not part of its message: a
     * retry after a refresh (a newer seq) is the same message, so its idempotency fingerprint leaves
     * them out (and fingerprints stored before these fields existed still match).
     */
    static final Set<String> FIELDS = Set.of("ifLastEventSeq", "ifMatch");

    /** The request's fields, each malformed one a 422 naming it. */
    static ReplyPreconditions of(Long ifLastEventSeq, String ifMatch) {
        Validation v = new Validation();
        if (ifLastEventSeq != null && ifLastEventSeq < 0) {
            v.add("ifLastEventSeq", "must be an event seq: a whole number, 0 or more");
        }
        UUID messageId = ifMatch == null ? null : v.uuid("ifMatch", ifMatch);
        v.throwIfInvalid();
        return new ReplyPreconditions(ifLastEventSeq, messageId);
    }

    boolean none() {
        return lastEventSeq == null && lastMessageId == null;
    }
}
