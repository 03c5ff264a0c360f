package com.unifiedbeez.inbox.platform.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A function's route table: method + path template (API Gateway syntax, {@code /a/{id}}) to an
 * action on the handler {@code H}. Static per handler class, so the template test and the local
 * gateway can read it without building the function.
 */
public final class Routes<H> {
    /** What a route does with the handler instance and the request. */
    @FunctionalInterface
    public interface Action<H> {
        ApiResult apply(H handler, ApiRequest request);
    }

    /** One route; {@code key()} is API Gateway's routeKey, e.g. {@code GET /api/inbox/conversations/{id}}. */
    public record Route<H>(String method, String template, Action<H> action) {
        public String key() {
            return method + " " + template;
        }

        String[] segments() {
            return template.substring(1).split("/");
        }

        /** Literal segments outrank parameters, as API Gateway prefers the most specific route. */
        int specificity() {
            int literals = 0;
            for (String s : segments()) {
                if (!s.startsWith("{")) {
                    literals++;
                }
            }
            return literals;
        }

        Optional<Map<String, String>> match(String[] path) {
            String[] segments = segments();
            if (segments.length != path.length) {
                return Optional.empty();
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].startsWith("{")) {
                    if (path[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(segments[i].substring(1, segments[i].length() - 1), path[i]);
                } else if (!segments[i].equals(path[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(params);
        }
    }

    /** A matched route with the path parameters taken from the path. */
    public record Match<H>(Route<H> route, Map<String, String> pathParameters) {
    }

    private final Map<String, Route<H>> byKey;
    private final List<Route<H>> bySpecificity;

    private Routes(List<Route<H>> routes) {
        Map<String, Route<H>> keys = new HashMap<>();
        for (Route<H> route : routes) {
            if (keys.put(route.key(), route) != null) {
                throw new IllegalArgumentException("route declared twice: " + route.key());
            }
        }
        this.byKey = Map.copyOf(keys);
        List<Route<H>> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((Route<H> r) -> r.specificity()).reversed());
        this.bySpecificity = List.copyOf(sorted);
    }

    public static <H> Builder<H> builder() {
        return new Builder<>();
    }

    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        bySpecificity.forEach(r -> keys.add(r.key()));
        return keys;
    }

    public Optional<Route<H>> byKey(String routeKey) {
        return Optional.ofNullable(byKey.get(routeKey));
    }

    /** Matches a concrete method and path, for events that carry no routeKey of ours ($default). */
    public Optional<Match<H>> match(String method, String path) {
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        for (Route<H> route : bySpecificity) {
            if (route.method().equals(method)) {
                Optional<Map<String, String>> params = route.match(parts);
                if (params.isPresent()) {
                    return Optional.of(new Match<>(route, params.get()));
                }
            }
        }
        return Optional.empty();
    }

    public static final class Builder<H> {
        private final List<Route<H>> routes = new ArrayList<>();

        public Builder<H> get(String template, Action<H> action) {
            return add("GET", template, action);
        }

        public Builder<H> post(String template, Action<H> action) {
            return add("POST", template, action);
        }

        public Builder<H> put(String template, Action<H> action) {
            return add("PUT", template, action);
        }

        public Builder<H> patch(String template, Action<H> action) {
            return add("PATCH", template, action);
        }

        public Builder<H> delete(String template, Action<H> action) {
            return add("DELETE", template, action);
        }

        public Builder<H> add(String method, String template, Action<H> action) {
            routes.add(new Route<>(method, template, action));
            return this;
        }

        public Routes<H> build() {
            return new Routes<>(routes);
        }
    }
}
