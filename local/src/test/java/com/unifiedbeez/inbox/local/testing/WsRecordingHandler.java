package com.unifiedbeez.inbox.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only WebSocket function for every route: records each event as JSON (what a handler reading
 * the event as JSON sees, e.g. a DISCONNECT's disconnectStatusCode) with when it ran, and answers:
 * <ul>
 *   <li>CONNECT: query {@code token=reject} is 401 with a body, {@code token=boom} throws, an offered
 *       {@code inbox.v1} subprotocol is chosen, anything else is 200;</li>
 *   <li>MESSAGE: a JSON body's {@code sleepMs} is slept, {@code fail: true} throws; the answer's body
 *       says which function and route ran, for which connection, on what body;</li>
 *   <li>DISCONNECT: 200.</li>
 * </ul>
 */
public final class WsRecordingHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    /** One invocation: the function, the event as JSON, and when it started and ended. */
    public record Seen(String function, JsonNode event, long startNanos, long endNanos) {
        public String connectionId() {
            return event.path("requestContext").path("connectionId").asText();
        }

        public String eventType() {
            return event.path("requestContext").path("eventType").asText();
        }

        public String routeKey() {
            return event.path("requestContext").path("routeKey").asText();
        }
    }

    public static final List<Seen> SEEN = Collections.synchronizedList(new ArrayList<>());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What ran for one connection, in order. */
    public static List<Seen> seen(String connectionId) {
        synchronized (SEEN) {
            return SEEN.stream().filter(s -> s.connectionId().equals(connectionId)).toList();
        }
    }

    public static List<Seen> seen(String connectionId, String eventType) {
        return seen(connectionId).stream().filter(s -> s.eventType().equals(eventType)).toList();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        long start = System.nanoTime();
        try {
            return answer(event, context);
        } finally {
            SEEN.add(new Seen(context.getFunctionName(), JSON.valueToTree(event), start, System.nanoTime()));
        }
    }

    private static APIGatewayV2WebSocketResponse answer(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        switch (event.getRequestContext().getEventType()) {
            case "CONNECT" -> {
                Map<String, String> query = event.getQueryStringParameters();
                String token = query == null ? "" : query.getOrDefault("token", "");
                if (token.equals("boom")) {
                    throw new IllegalStateException("failing $connect on purpose");
                }
                if (token.equals("reject")) {
                    response.setStatusCode(401);
                    response.setBody("{\"message\":\"Unauthorized\"}");
                    return response;
                }
                String offered = event.getHeaders().getOrDefault("Sec-WebSocket-Protocol", "");
                if (offered.contains("inbox.v1")) {
                    response.setHeaders(Map.of("Sec-WebSocket-Protocol", "inbox.v1"));
                }
            }
            case "MESSAGE" -> {
                JsonNode body = parse(event.getBody());
                sleep(body.path("sleepMs").asLong(0));
                if (body.path("fail").asBoolean(false)) {
                    throw new IllegalStateException("failing a message on purpose");
                }
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("function", context.getFunctionName());
                reply.put("routeKey", event.getRequestContext().getRouteKey());
                reply.put("connectionId", event.getRequestContext().getConnectionId());
                reply.put("body", event.getBody());
                response.setBody(JSON.valueToTree(reply).toString());
            }
            default -> {
                // DISCONNECT: nothing to answer
            }
        }
        return response;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
