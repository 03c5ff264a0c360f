package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.unifiedbeez.inbox.realtime.RealtimeSession;

/**
 * {@code $default}: every client action ({@code ping}, {@code typing:start}, ...). The route is
 * two-way, so the body returned (a pong, the viewers, an error) goes back to the calling connection.
 */
public final class WsDefaultHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final RealtimeComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public WsDefaultHandler() {
        this(RealtimeFunction.fromEnvironment());
    }

    public WsDefaultHandler(RealtimeComponent services) {
        this.services = services;
        this.priming = RealtimeFunction.prime(services);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        byte[] reply = services.session().act(event.getRequestContext().getConnectionId(), event.getBody());
        return WsResponses.of(200, RealtimeSession.text(reply));
    }
}
