package com.unifiedbeez.inbox.retention;

import java.time.Instant;
import java.util.List;

/** One run over every organization with a retention policy: each one's report, and the totals. */
public record RetentionRun(Instant startedAt, List<RetentionReport> organizations, int messagesDeleted,
                           int attachmentsDeleted, int objectsDeleted, int failed, boolean finished) {
    public static RetentionRun of(Instant startedAt, List<RetentionReport> organizations) {
        return new RetentionRun(startedAt, List.copyOf(organizations),
                organizations.stream().mapToInt(RetentionReport::messagesDeleted).sum(),
                organizations.stream().mapToInt(RetentionReport::attachmentsDeleted).sum(),
                organizations.stream().mapToInt(RetentionReport::objectsDeleted).sum(),
                (int) organizations.stream().filter(r -> r.error() != null).count(),
                organizations.stream().allMatch(RetentionReport::finished));
    }
}
