package com.unifiedbeez.inbox.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * What one run deleted in one organization. The cutoffs are the policy's, as of the run: messages
 * stored before {@code messagesCutoff} (null: kept for good) and files stored before
 * {@code mediaCutoff} (never later than the messages'). {@code objectsDeleted} counts the media
 * bucket's keys deleted (files and unparsed emails' raw mail), {@code batches} the transactions
 * that deleted something. {@code finished} is false when the run stopped at its deadline or on
 * {@code error}; the next run goes on.
 */
public record RetentionReport(UUID organizationId, Instant messagesCutoff, Instant mediaCutoff, int messagesDeleted,
                              int attachmentsDeleted, int objectsDeleted, int batches, boolean finished,
                              String error) {
    public boolean deletedAnything() {
        return messagesDeleted > 0 || attachmentsDeleted > 0 || objectsDeleted > 0;
    }
}
