package com.unifiedbeez.inbox.inbound;

/**
 * A record, or one event of it, that can never be stored however often it is tried: a payload that
 * is not the platform's format, a record that is not an envelope. The inbound batch sets it aside
 * ({@link InboundRejects}) and goes on with the customer's next message.
 */
public final class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentFailure(String message) {
        super(message);
    }
}
