package com.unifiedbeez.inbox.local.gateway.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A plain HTTP request to the WebSocket endpoint (not an upgrade, not @connections): 426. */
final class NotAnUpgrade extends Handler.Abstract.NonBlocking {
    private static final byte[] BODY = "{\"message\":\"Upgrade Required\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(426);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(BODY), callback);
        return true;
    }
}
