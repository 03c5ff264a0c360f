package com.unifiedbeez.inbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much of the machine's CPU went to processes other than the system under test (this JVM and
 * the PostgreSQL server) during a measurement, from /proc (Linux). The machine is shared: a figure
 * taken while others used much of the CPU is pessimistic, and the report says so. Elsewhere: -1.
 */
final class CpuMeter {
    private final Path postmasterPid;

    /** A point in time: machine busy and total jiffies, and the jiffies of this JVM and of PostgreSQL. */
    record Snapshot(long busy, long total, long self, long postgres) {
    }

    CpuMeter(Path dataDirectory) {
        this.postmasterPid = dataDirectory.resolve("postmaster.pid");
    }

    Snapshot snapshot() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(cpu[1]);
            long nice = Long.parseLong(cpu[2]);
            long system = Long.parseLong(cpu[3]);
            long idle = Long.parseLong(cpu[4]);
            long iowait = Long.parseLong(cpu[5]);
            long irq = Long.parseLong(cpu[6]);
            long softirq = Long.parseLong(cpu[7]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            long self = processJiffies(ProcessHandle.current().pid(), true); // with reaped children (part D)
            long postgres = 0;
            if (Files.exists(postmasterPid)) {
                long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
                // The postmaster with its waited-for children, plus the live backends.
                postgres = processJiffies(pid, true);
                postgres += ProcessHandle.of(pid).map(p -> p.descendants()
                        .mapToLong(d -> processJiffies(d.pid(), false)).sum()).orElse(0L);
            }
            return new Snapshot(busy, busy + idle + iowait, self, postgres);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Percent of the whole machine (all CPUs) used by other processes between two snapshots; -1 if unknown. */
    static double othersPercent(Snapshot from, Snapshot to) {
        if (from == null || to == null || to.total() <= from.total()) {
            return -1;
        }
        long others = (to.busy() - from.busy()) - (to.self() - from.self()) - (to.postgres() - from.postgres());
        return Math.max(0, 100.0 * others / (to.total() - from.total()));
    }

    /** {@link #othersPercent} as a table cell: "n/a" when unknown. */
    static String percent(double othersPercent) {
        return othersPercent < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", othersPercent);
    }

    private static long processJiffies(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime = field 14, stime 15, cutime 16, cstime 17.
            long jiffies = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                jiffies += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return jiffies;
        } catch (IOException | RuntimeException e) {
            return 0; // the process has gone
        }
    }
}
