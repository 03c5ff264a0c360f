package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.unifiedbeez.inbox.realtime.RealtimeSession;
import java.util.Map;

/**
 * {@code $connect}: the access token comes as query parameter {@code token} (a browser cannot set
 * headers on a WebSocket). A non-200 answer refuses the handshake with that status.
 */
public final class WsConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    public static final String TOKEN = "token";
    private final RealtimeComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public WsConnectHandler() {
        this(RealtimeFunction.fromEnvironment());
    }

    public WsConnectHandler(RealtimeComponent services) {
        this.services = services;
        this.priming = RealtimeFunction.prime(services);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        Map<String, String> query = event.getQueryStringParameters();
        String token = query == null ? null : query.get(TOKEN);
        RealtimeSession.Admission admission = services.session().connect(event.getRequestContext().getConnectionId(),
                token);
        return WsResponses.of(admission.status(), admission.admitted() ? null : admission.reason());
    }
}
