package com.unifiedbeez.inbox.channel;

/**
 * A delivery we refuse: a missing or wrong signature (401) or a body that is not the platform's
 * format (400). Nothing of it is queued.
 */
public final class WebhookRejected extends RuntimeException {
    private final int status;
    private final String type;

    private WebhookRejected(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public static WebhookRejected badSignature(String detail) {
        return new WebhookRejected(401, "webhook-signature-invalid", detail);
    }

    public static WebhookRejected malformed(String detail) {
        return new WebhookRejected(400, "webhook-payload-invalid", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
