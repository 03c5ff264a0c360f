package com.unifiedbeez.inbox.local.gateway.ws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestIdentity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy events API Gateway's WebSocket API sends: CONNECT (the upgrade's headers and
 * query), MESSAGE (the body, the route chosen, a message id) and DISCONNECT (the close's status and
 * reason), each with the requestContext of the connection (id, connectedAt, identity, stage, ...).
 */
final class WebSocketEvents {
    static final String CONNECT = "$connect";
    static final String DISCONNECT = "$disconnect";
    static final String DEFAULT = "$default";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String apiId;
    private final String stage;

    WebSocketEvents(String apiId, String stage) {
        this.apiId = apiId;
        this.stage = stage;
    }

    APIGatewayV2WebSocketEvent connect(Connection connection, Handshake handshake, String requestId) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        Map<String, List<String>> headers = handshake.multiValueHeaders();
        headers = headers == null ? new LinkedHashMap<>() : headers;
        // what API Gateway's edge adds to the upgrade request's headers
        headers.putIfAbsent("X-Forwarded-For", List.of(connection.sourceIp()));
        headers.putIfAbsent("X-Forwarded-Port", List.of(String.valueOf(handshake.localPort())));
        headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        event.setMultiValueHeaders(headers);
        event.setHeaders(Handshake.last(headers));
        Map<String, List<String>> query = handshake.multiValueQuery();
        event.setMultiValueQueryStringParameters(query);
        event.setQueryStringParameters(Handshake.last(query));
        event.setRequestContext(context(new RequestContext(), connection, CONNECT, "CONNECT", requestId));
        event.setIsBase64Encoded(false);
        return event;
    }

    APIGatewayV2WebSocketEvent message(Connection connection, String routeKey, String body, boolean base64,
                                       String requestId, String messageId) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        RequestContext context = context(new RequestContext(), connection, routeKey, "MESSAGE", requestId);
        context.setMessageId(messageId);
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    APIGatewayV2WebSocketEvent disconnect(Connection connection, int status, String reason, String requestId) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(connection.domainName()));
        headers.put("X-Forwarded-For", List.of(connection.sourceIp()));
        event.setMultiValueHeaders(headers);
        event.setHeaders(Handshake.last(headers));
        DisconnectRequestContext context = new DisconnectRequestContext();
        context(context, connection, DISCONNECT, "DISCONNECT", requestId);
        context.setDisconnectStatusCode(status);
        context.setDisconnectReason(reason == null ? "" : reason);
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }

    private <C extends RequestContext> C context(C context, Connection connection, String routeKey, String eventType,
                                                 String requestId) {
        Instant now = Instant.now();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setExtendedRequestId(requestId);
        context.setRequestId(requestId);
        context.setRequestTime(REQUEST_TIME.format(now));
        context.setRequestTimeEpoch(now.toEpochMilli());
        context.setMessageDirection("IN");
        context.setStage(stage);
        context.setConnectedAt(connection.connectedAt());
        context.setConnectionId(connection.id());
        context.setDomainName(connection.domainName());
        context.setApiId(apiId);
        context.setAccountId("000000000000");
        RequestIdentity identity = new RequestIdentity();
        identity.setSourceIp(connection.sourceIp());
        identity.setUserAgent(connection.userAgent());
        context.setIdentity(identity);
        return context;
    }

    /** The JSON API Gateway sends back on the socket when it could not run a message's route. */
    static Map<String, String> errorMessage(String message, Connection connection, String requestId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("connectionId", connection.id());
        body.put("requestId", requestId);
        return body;
    }
}
