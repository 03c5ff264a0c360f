package com.unifiedbeez.inbox.channel;

import java.time.Duration;
import java.util.Objects;

/** How a platform answered a send. */
public sealed interface SendOutcome {

    /** Taken: the platform's message id (wamid, mid, chat_id:message_id, SID, Message-ID). */
    record Accepted(String externalId) implements SendOutcome {
        public Accepted {
            Objects.requireNonNull(externalId, "externalId");
        }
    }

    /** Refused for good (bad recipient, window closed, invalid token...): the message ends failed with this. */
    record Rejected(String code, String reason) implements SendOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Not now (429, 5xx, timeout, connection refused): try again later, after {@code retryAfter}
     * when the platform said (null: the sender's backoff).
     */
    record Retry(String reason, Duration retryAfter) implements SendOutcome {
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
