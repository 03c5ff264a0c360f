package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * {@code $disconnect} (best effort in AWS: a connection that vanished without it is cleaned up by its
 * TTL, the heartbeat sweep and the first push that gets 410).
 */
public final class WsDisconnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final RealtimeComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public WsDisconnectHandler() {
        this(RealtimeFunction.fromEnvironment());
    }

    public WsDisconnectHandler(RealtimeComponent services) {
        this.services = services;
        this.priming = RealtimeFunction.prime(services);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        services.session().disconnect(event.getRequestContext().getConnectionId());
        return WsResponses.of(200, null);
    }
}
