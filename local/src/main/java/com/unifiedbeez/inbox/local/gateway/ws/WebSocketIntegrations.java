package com.unifiedbeez.inbox.local.gateway.ws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.gateway.LambdaFunction;
import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's Lambda proxy integrations: runs a route's function for a connect, a message or
 * a disconnect, and does with its answer what API Gateway does. A $connect answer that is not 2xx
 * refuses the upgrade with its status (a failed function: 500); a message goes to the route its
 * selection expression names, else $default (no route at all: {@code {"message": "Forbidden", ...}}
 * back on the socket, a failed function: {@code {"message": "Internal server error", ...}}); a
 * two-way route's answer body goes back on the socket.
 */
final class WebSocketIntegrations {
    private static final Logger LOG = LoggerFactory.getLogger("gateway.ws");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A route and the function container behind it. */
    record Route(String key, LambdaFunction function, boolean twoWay) {
    }

    /** What $connect decided: accepted (2xx) or the status the upgrade is refused with, and a body. */
    record ConnectAnswer(int status, String subprotocol, String body) {
        static final ConnectAnswer ACCEPTED = new ConnectAnswer(200, null, null);

        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private static final String INTERNAL_ERROR = "{\"message\": \"Internal server error\"}";

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final RouteSelector selector;
    private final WebSocketEvents events;
    private final WebSocketLimits limits;

    WebSocketIntegrations(SamTemplate.WebSocketApi api, SamTemplate template, LambdaFunctions containers,
                          WebSocketLimits limits, String apiId) {
        for (SamTemplate.WebSocketRoute r : api.routes()) {
            SamTemplate.Function function = template.function(r.functionName()).orElseThrow();
            if (function.handler() == null) {
                throw new IllegalArgumentException("function " + function.name() + " has a WebSocket route ("
                        + r.routeKey() + ") but no Handler");
            }
            routes.put(r.routeKey(), new Route(r.routeKey(), containers.get(function), r.twoWay()));
        }
        this.selector = new RouteSelector(api.routeSelectionExpression());
        this.events = new WebSocketEvents(apiId, api.stageName());
        this.limits = limits;
    }

    Map<String, Route> routes() {
        return routes;
    }

    /** Runs $connect (when the API has it) for a client's upgrade request. */
    ConnectAnswer connect(Connection connection, Handshake handshake) {
        Route route = routes.get(WebSocketEvents.CONNECT);
        if (route == null) {
            return ConnectAnswer.ACCEPTED;
        }
        String requestId = Ids.next();
        long start = System.nanoTime();
        ConnectAnswer answer;
        try {
            Object result = route.function().invoke(events.connect(connection, handshake, requestId), requestId);
            answer = connectAnswer(result, route);
        } catch (LambdaFunction.FunctionError e) {
            LOG.error("{} {} -> {}: {}", route.key(), connection.id(), route.function().name(), e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
            answer = new ConnectAnswer(500, null, INTERNAL_ERROR);
        }
        LOG.info("{} {} {} {}ms", route.key(), connection.id(), answer.status(), ms(start));
        return answer;
    }

    /** Routes one message of the client and runs its function; called in the connection's order. */
    void message(Connection connection, String body, boolean base64) {
        String requestId = Ids.next();
        Optional<String> selected = base64 ? Optional.empty() : selector.select(body);
        Route route = selected.filter(k -> !k.equals(WebSocketEvents.CONNECT) && !k.equals(WebSocketEvents.DISCONNECT))
                .map(routes::get).orElseGet(() -> routes.get(WebSocketEvents.DEFAULT));
        long start = System.nanoTime();
        if (route == null) {
            LOG.info("message {} selects {} -> no route, no $default: Forbidden", connection.id(),
                    selected.orElse("nothing"));
            reply(connection, JSON.valueToTree(WebSocketEvents.errorMessage("Forbidden", connection, requestId))
                    .toString());
            return;
        }
        APIGatewayV2WebSocketEvent event = events.message(connection, route.key(), body, base64, requestId, Ids.next());
        Object result;
        try {
            result = route.function().invoke(event, requestId);
        } catch (LambdaFunction.FunctionError e) {
            LOG.error("{} {} -> {}: {}", route.key(), connection.id(), route.function().name(), e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
            reply(connection, JSON.valueToTree(WebSocketEvents.errorMessage("Internal server error", connection,
                    requestId)).toString());
            return;
        }
        LOG.info("{} {} {}ms", route.key(), connection.id(), ms(start));
        if (route.twoWay()) {
            replyWith(result, connection, route);
        }
    }

    /** Runs $disconnect (when the API has it) once the connection is closed, either side. */
    void disconnect(Connection connection, int status, String reason) {
        Route route = routes.get(WebSocketEvents.DISCONNECT);
        if (route == null) {
            return;
        }
        String requestId = Ids.next();
        long start = System.nanoTime();
        try {
            route.function().invoke(events.disconnect(connection, status, reason, requestId), requestId);
            LOG.info("{} {} ({} {}) {}ms", route.key(), connection.id(), status, reason, ms(start));
        } catch (LambdaFunction.FunctionError e) {
            // best effort, as in AWS: the connection is gone whatever the function did
            LOG.error("{} {} -> {}: {}", route.key(), connection.id(), route.function().name(), e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
        }
    }

    private ConnectAnswer connectAnswer(Object result, Route route) {
        JsonNode response = response(result);
        int status = response.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            LOG.error("{} -> {} returned no valid statusCode ({}): the upgrade is refused with 502", route.key(),
                    route.function().name(), result == null ? "null" : response.path("statusCode"));
            return new ConnectAnswer(502, null, INTERNAL_ERROR);
        }
        String subprotocol = null;
        for (var it = response.path("headers").fields(); it.hasNext(); ) {
            var header = it.next();
            if (header.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                subprotocol = header.getValue().asText();
            }
        }
        JsonNode body = response.path("body");
        return new ConnectAnswer(status, subprotocol, body.isValueNode() && !body.isNull() ? body.asText() : null);
    }

    /** A two-way route's answer: its body back to the client, base64 bodies as binary. */
    private void replyWith(Object result, Connection connection, Route route) {
        if (result == null) {
            return;
        }
        JsonNode response = response(result);
        JsonNode body = response.path("body");
        if (!response.isObject() || !body.isValueNode() || body.isNull()) {
            if (!response.isObject() || !response.has("statusCode")) {
                LOG.warn("{} -> {} returned no Lambda proxy response (statusCode, body): nothing sent back",
                        route.key(), route.function().name());
            }
            return;
        }
        try {
            if (response.path("isBase64Encoded").asBoolean(false)) {
                connection.sendBinary(Base64.getDecoder().decode(body.asText()), limits.frameBytes());
            } else {
                connection.sendText(body.asText(), limits.frameBytes());
            }
        } catch (Connection.SendFailed | IllegalArgumentException e) {
            LOG.warn("{} answer to {} not sent: {}", route.key(), connection.id(), e.getMessage());
        }
    }

    private void reply(Connection connection, String text) {
        try {
            connection.sendText(text, limits.frameBytes());
        } catch (Connection.SendFailed e) {
            LOG.warn("error answer to {} not sent: {}", connection.id(), e.getMessage());
        }
    }

    /**
     * The function's answer as the JSON the Lambda runtime would hand API Gateway (an
     * {@link APIGatewayV2WebSocketResponse}, a map of the same shape, ...).
     */
    private static JsonNode response(Object result) {
        if (result == null) {
            return JSON.missingNode();
        }
        if (result instanceof APIGatewayV2WebSocketResponse r) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("statusCode", r.getStatusCode());
            fields.put("headers", r.getHeaders());
            fields.put("body", r.getBody());
            fields.put("isBase64Encoded", r.isIsBase64Encoded());
            return JSON.valueToTree(fields);
        }
        try {
            return result instanceof String s ? JSON.readTree(s) : JSON.valueToTree(result);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
