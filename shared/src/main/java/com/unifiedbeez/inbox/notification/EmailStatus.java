package com.unifiedbeez.inbox.notification;

import java.util.Locale;

/** Where a notification email stands ({@code notification_emails.status}). */
public enum EmailStatus {
    /** To send: not tried yet, or tried and refused for now (retried at {@code next_attempt_at}). */
    PENDING,
    /** The mail server took it. */
    SENT,
    /** Not sent, by rule: the reason says which ({@link SkipReason}). */
    SKIPPED,
    /** Not sent, for good: the reason says why (the server refused it, no way to send mail, gave up). */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
