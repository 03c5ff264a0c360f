package com.unifiedbeez.inbox.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Closed-loop load from several threads on one shared system under test (parts E and F): every
 * thread calls back to back, first for a warm-up, then, all threads released together, for a
 * measured window. Each call's duration is kept; the CPU of the calling threads, of the rest of
 * this JVM and of PostgreSQL is taken over the window, with the share other processes used.
 */
final class ClosedLoop {
    /** What a thread's next call returns when its thread has no work left. Compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String DONE = new String("done");
    private static final int MAX_SAMPLES_PER_THREAD = 200_000;

    /** One thread's calls, made one after another by that thread only. */
    interface Calls {
        /** Work before a call that is not the system's (building the next request): not timed. */
        default void prepare() {
        }

        /** One call: null when it succeeded, else the error; {@link #DONE} when there is no more work. */
        String call() throws Exception;

        /** How many items the last call handled (records of a batch); 1 by default. */
        default int items() {
            return 1;
        }
    }

    /**
     * The measured window: every call's latency; {@code items} handled by calls that succeeded;
     * wall-clock seconds from the release to the last thread's end; CPU per call in ms.
     */
    record Run(Stats stats, double wallSeconds, long items, long errors, String firstError, double othersCpuPercent,
               double threadCpuMsPerCall, double restOfJvmCpuMsPerCall, double postgresCpuMsPerCall) {
        /** Successful calls per second. */
        double callsPerSecond() {
            return (stats.count() - errors) / wallSeconds;
        }

        double itemsPerSecond() {
            return items / wallSeconds;
        }
    }

    private ClosedLoop() {
    }

    static Run run(int threads, double warmSeconds, double seconds, CpuMeter meter, IntFunction<Calls> callsOfThread)
            throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-load");
            t.setDaemon(true);
            return t;
        });
        try {
            CountDownLatch warmed = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] measureStart = new long[1];
            long[] measureEnd = new long[1];
            List<Future<long[]>> futures = new ArrayList<>();
            String[] firstError = new String[1];
            AtomicLong errors = new AtomicLong();
            AtomicLong items = new AtomicLong();
            for (int t = 0; t < threads; t++) {
                Calls calls = callsOfThread.apply(t);
                futures.add(pool.submit(() -> {
                    long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
                    boolean done = false;
                    try {
                        while (!done && System.nanoTime() < warmEnd) {
                            calls.prepare();
                            String error = calls.call();
                            done = error == DONE;
                            record(done ? null : error, errors, firstError);
                        }
                    } finally {
                        warmed.countDown();
                    }
                    go.await();
                    long end = measureEnd[0];
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long[] samples = new long[MAX_SAMPLES_PER_THREAD];
                    int n = 0;
                    while (!done && n < samples.length && System.nanoTime() < end) {
                        calls.prepare();
                        long a = System.nanoTime();
                        String error = calls.call();
                        long took = System.nanoTime() - a;
                        if (error == DONE) {
                            break;
                        }
                        samples[n++] = took;
                        record(error, errors, firstError);
                        if (error == null) {
                            items.addAndGet(calls.items());
                        }
                    }
                    long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                    long[] out = Arrays.copyOf(samples, n + 2);
                    out[n] = cpu;
                    out[n + 1] = System.nanoTime();
                    return out;
                }));
            }
            if (!warmed.await((long) (warmSeconds + 120), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the warm-up did not finish");
            }
            errors.set(0);
            firstError[0] = null;
            CpuMeter.Snapshot before = meter.snapshot();
            long jvmCpu0 = processCpuNanos();
            measureStart[0] = System.nanoTime();
            measureEnd[0] = measureStart[0] + (long) (seconds * 1e9);
            go.countDown();
            List<long[]> perThread = new ArrayList<>();
            long threadCpu = 0;
            long lastEnd = measureStart[0];
            for (Future<long[]> f : futures) {
                long[] out = f.get((long) seconds + 120, TimeUnit.SECONDS);
                int n = out.length - 2;
                perThread.add(Arrays.copyOf(out, n));
                threadCpu += out[n];
                lastEnd = Math.max(lastEnd, out[n + 1]);
            }
            CpuMeter.Snapshot after = meter.snapshot();
            long jvmCpu = processCpuNanos() - jvmCpu0;
            int total = perThread.stream().mapToInt(a -> a.length).sum();
            if (total == 0) {
                throw new IllegalStateException("no call was made in the measured window (no work left?)");
            }
            long[] all = new long[total];
            int i = 0;
            for (long[] a : perThread) {
                System.arraycopy(a, 0, all, i, a.length);
                i += a.length;
            }
            double wall = (lastEnd - measureStart[0]) / 1e9;
            double pgMs = before == null || after == null ? -1 : (after.postgres() - before.postgres()) * 10.0; // 100 Hz jiffies
            double threadMs = threadCpu / 1e6;
            double restMs = Math.max(0, jvmCpu / 1e6 - threadMs);
            return new Run(Stats.of(all, total), wall, items.get(), errors.get(), firstError[0],
                    CpuMeter.othersPercent(before, after), threadMs / total, restMs / total, pgMs < 0 ? -1 : pgMs / total);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void record(String error, AtomicLong errors, String[] firstError) {
        if (error != null) {
            errors.incrementAndGet();
            synchronized (firstError) {
                if (firstError[0] == null) {
                    firstError[0] = error;
                }
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
