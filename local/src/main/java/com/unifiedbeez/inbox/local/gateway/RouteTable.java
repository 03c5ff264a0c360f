package com.unifiedbeez.inbox.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Route selection as API Gateway HTTP APIs do it: the most specific route wins. Segment by segment
 * from the left, a literal beats a {@code {param}}, which beats a greedy {@code {proxy+}} (which
 * takes one or more remaining segments); for the same path a route's own method beats {@code ANY};
 * {@code $default} catches what nothing else matches.
 *
 * @param <T> what a route leads to
 */
public final class RouteTable<T> {
    public static final String DEFAULT_ROUTE = "$default";

    private static final int LITERAL = 3;
    private static final int PARAM = 2;
    private static final int GREEDY = 1;

    /** A selected route: its method and path template, the path parameters taken from the path. */
    public record Match<T>(String method, String template, T target, Map<String, String> pathParameters) {
        public String routeKey() {
            return DEFAULT_ROUTE.equals(template) ? DEFAULT_ROUTE : method + " " + template;
        }
    }

    private record Entry<T>(String method, String template, String[] segments, T target) {
    }

    private final List<Entry<T>> entries = new ArrayList<>();
    private Entry<T> defaultRoute;

    /** Adds {@code method template}; the same route twice is a template error. */
    public RouteTable<T> add(String method, String template, T target) {
        String m = method.toUpperCase(Locale.ROOT);
        if (DEFAULT_ROUTE.equals(template)) {
            if (defaultRoute != null) {
                throw new IllegalArgumentException("route declared twice: $default");
            }
            defaultRoute = new Entry<>(m, template, new String[0], target);
            return this;
        }
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + template);
        }
        String[] segments = split(template);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].endsWith("+}") && i != segments.length - 1) {
                throw new IllegalArgumentException("a greedy path variable must be the last segment: " + template);
            }
        }
        for (Entry<T> e : entries) {
            if (e.method().equals(m) && e.template().equals(template)) {
                throw new IllegalArgumentException("route declared twice: " + m + " " + template);
            }
        }
        entries.add(new Entry<>(m, template, segments, target));
        return this;
    }

    public int size() {
        return entries.size() + (defaultRoute == null ? 0 : 1);
    }

    /** The route for a concrete request, or empty (API Gateway answers 404 Not Found). */
    public Optional<Match<T>> match(String method, String rawPath) {
        String m = method.toUpperCase(Locale.ROOT);
        String[] path = split(rawPath);
        Entry<T> best = null;
        int[] bestScore = null;
        Map<String, String> bestParams = null;
        for (Entry<T> entry : entries) {
            if (!entry.method().equals(m) && !entry.method().equals("ANY")) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int[] score = score(entry, path, params);
            if (score == null) {
                continue;
            }
            score[score.length - 1] = entry.method().equals(m) ? 1 : 0;
            if (bestScore == null || compare(score, bestScore) > 0) {
                best = entry;
                bestScore = score;
                bestParams = params;
            }
        }
        if (best != null) {
            return Optional.of(new Match<>(best.method(), best.template(), best.target(), Map.copyOf(bestParams)));
        }
        if (defaultRoute != null && (defaultRoute.method().equals("ANY") || defaultRoute.method().equals(m))) {
            return Optional.of(new Match<>(m, DEFAULT_ROUTE, defaultRoute.target(), Map.of()));
        }
        return Optional.empty();
    }

    /** Per-segment kinds (plus a last slot for the method), or null when the route does not match. */
    private static <T> int[] score(Entry<T> entry, String[] path, Map<String, String> params) {
        String[] segments = entry.segments();
        int[] score = new int[Math.max(segments.length, path.length) + 1];
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (variable && segment.endsWith("+}")) {
                if (i >= path.length) {
                    return null;
                }
                StringBuilder rest = new StringBuilder();
                for (int j = i; j < path.length; j++) {
                    if (j > i) {
                        rest.append('/');
                    }
                    rest.append(path[j]);
                }
                if (rest.isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 2), decode(rest.toString()));
                for (int j = i; j < path.length; j++) {
                    score[j] = GREEDY;
                }
                return score;
            }
            if (i >= path.length) {
                return null;
            }
            if (variable) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), decode(path[i]));
                score[i] = PARAM;
            } else if (segment.equals(path[i])) {
                score[i] = LITERAL;
            } else {
                return null;
            }
        }
        return segments.length == path.length ? score : null;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length) - 1; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a[a.length - 1], b[b.length - 1]);
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }

    /** Path parameters arrive percent-decoded; a '+' in a path is a plus, not a space. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
