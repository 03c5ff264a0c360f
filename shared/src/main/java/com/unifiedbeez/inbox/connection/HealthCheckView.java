package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.HealthReport;
import java.time.Instant;
import java.util.List;

/** GET .../channels/:id/health: what the platform said just now. */
public record HealthCheckView(boolean healthy, Instant checkedAt, List<HealthReport.Check> checks) {
}
