package com.unifiedbeez.inbox.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A figure beside its floor: the same work done bare, in the same run, on the same machine (the
 * request's own SQL on a plain JDBC connection, the same payloads sent straight to the queue, the
 * same rows inserted, a JVM that only opens a connection). The ratio is what the code adds; the
 * target, when there is one, bounds it: a time at most k × its floor, a rate at least k × its floor.
 *
 * @param what     what both figures are ("p99 ms", "records/s", ...)
 * @param measured the figure of the code under test
 * @param floor    the same figure of the bare work
 * @param target   the bound on measured / floor, or null when the figure has none
 */
record Floor(String what, double measured, double floor, Target target) {
    /** A bound on the ratio: {@code atMost} for times, at least for rates. */
    record Target(boolean atMost, double ratio) {
        static Target atMost(double ratio) {
            return new Target(true, ratio);
        }

        static Target atLeast(double ratio) {
            return new Target(false, ratio);
        }

        boolean met(double ratio) {
            return atMost ? ratio <= this.ratio : ratio >= this.ratio;
        }

        @Override
        public String toString() {
            return (atMost ? "≤ " : "≥ ") + java.math.BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString()
                    + "× floor";
        }
    }

    /** The targets of issue 8. */
    static final Target LATENCY = Target.atMost(1.5);
    static final Target INTAKE = Target.atLeast(0.8);
    static final Target NORMALIZATION = Target.atLeast(0.5);
    static final Target COLD_START = Target.atMost(2);

    double ratio() {
        return floor > 0 ? measured / floor : Double.NaN;
    }

    /** Met when there is no target; missed when the floor could not be measured. */
    boolean met() {
        return target == null || (!Double.isNaN(ratio()) && target.met(ratio()));
    }

    /** "1.23×" */
    String ratioCell() {
        return Double.isNaN(ratio()) ? "n/a" : times(ratio());
    }

    /** The target, or "" */
    String targetCell() {
        return target == null ? "" : target.toString();
    }

    /** "met", "**missed**", or "" without a target. */
    String verdictCell() {
        return target == null ? "" : met() ? "met" : "**missed**";
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", what);
        m.put("measured", Stats.round(measured));
        m.put("floor", Stats.round(floor));
        m.put("timesFloor", Stats.round(ratio()));
        if (target != null) {
            m.put("target", target.toString());
            m.put("metTarget", met());
        }
        return m;
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.2f×", ratio);
    }
}
