package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/** API Gateway's answer shape for WebSocket routes. */
final class WsResponses {
    private WsResponses() {
    }

    static APIGatewayV2WebSocketResponse of(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setBody(body);
        return response;
    }
}
