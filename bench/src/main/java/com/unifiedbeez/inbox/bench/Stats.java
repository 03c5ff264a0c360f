package com.unifiedbeez.inbox.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Latency samples (nanoseconds) summarized by nearest-rank percentiles. */
record Stats(int count, double p50, double p90, double p99, double max, double mean, double perSecond) {
    static Stats of(long[] nanos, int n) {
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        long total = 0;
        for (long v : sorted) {
            total += v;
        }
        return new Stats(n, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.90)), ms(rank(sorted, 0.99)),
                ms(sorted[n - 1]), ms(total / (double) n), n / (total / 1e9));
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", count);
        m.put("p50Ms", round(p50));
        m.put("p90Ms", round(p90));
        m.put("p99Ms", round(p99));
        m.put("maxMs", round(max));
        m.put("meanMs", round(mean));
        m.put("requestsPerSecond", round(perSecond));
        return m;
    }

    /** The median of {@code values} (the mean of the middle two when there is an even number). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }
}
