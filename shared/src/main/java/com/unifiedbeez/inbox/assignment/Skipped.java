package com.unifiedbeez.inbox.assignment;

import java.util.UUID;

/** A team member a decision passed over, and why. */
public record Skipped(UUID userId, SkipReason reason) {
}
