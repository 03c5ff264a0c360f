package com.unifiedbeez.inbox.local.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket API's route selection expression on a message: {@code $request.body.action} (or
 * {@code ${request.body.action}}, or a nested path {@code $request.body.a.b}) is the value at that
 * path of the message parsed as JSON. A message that is not a JSON object, or lacks the value, selects
 * nothing: API Gateway then uses the $default route.
 */
final class RouteSelector {
    private static final Pattern BODY_PATH = Pattern.compile("^\\$\\{?request\\.body\\.([\\w.]+)}?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> path;

    RouteSelector(String expression) {
        Matcher m = BODY_PATH.matcher(expression == null ? "" : expression.trim());
        this.path = m.matches() ? List.of(m.group(1).split("\\.")) : List.of();
    }

    /** The value the expression selects in this message, if any. */
    Optional<String> select(String body) {
        if (path.isEmpty() || body == null) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String field : path) {
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            node = node.get(field);
        }
        return node != null && node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }
}
