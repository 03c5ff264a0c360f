package com.unifiedbeez.inbox.channel;

import java.util.List;

/**
 * The result of a real call to the platform for a connection.
 *
 * @param checks each thing looked at (token valid, webhook registered, IMAP login, ...), in order
 */
public record HealthReport(boolean healthy, List<Check> checks) {

    /** One check: its name, whether it passed, and what the platform said. */
    public record Check(String name, boolean ok, String detail) {
    }

    public HealthReport {
        checks = List.copyOf(checks);
    }

    public static HealthReport of(List<Check> checks) {
        return new HealthReport(checks.stream().allMatch(Check::ok), checks);
    }

    /** The first failing check's detail, or "ok". */
    public String summary() {
        return checks.stream().filter(c -> !c.ok()).findFirst().map(c -> c.name() + ": " + c.detail()).orElse("ok");
    }
}
