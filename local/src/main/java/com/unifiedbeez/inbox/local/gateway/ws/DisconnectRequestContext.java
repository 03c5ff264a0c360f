package com.unifiedbeez.inbox.local.gateway.ws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

/**
 * The requestContext of a DISCONNECT event: API Gateway adds the close's {@code disconnectStatusCode}
 * and {@code disconnectReason}, which the events library's class has no field for. A handler typed
 * on {@link APIGatewayV2WebSocketEvent} sees the base class, as the Lambda runtime's deserializer
 * would give it; one that reads the event as JSON (e.g. through Jackson) sees both fields.
 */
public final class DisconnectRequestContext extends APIGatewayV2WebSocketEvent.RequestContext {
    private int disconnectStatusCode;
    private String disconnectReason;

    public int getDisconnectStatusCode() {
        return disconnectStatusCode;
    }

    public void setDisconnectStatusCode(int disconnectStatusCode) {
        this.disconnectStatusCode = disconnectStatusCode;
    }

    public String getDisconnectReason() {
        return disconnectReason;
    }

    public void setDisconnectReason(String disconnectReason) {
        this.disconnectReason = disconnectReason;
    }
}
