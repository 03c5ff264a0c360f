package com.unifiedbeez.inbox.local.gateway.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * An upgrade request: a new connection id, then $connect decides. Refused, the client gets the
 * function's status (401, 403, ...) and body as a plain HTTP answer and no socket opens; accepted,
 * the upgrade completes (with the subprotocol the function chose, if the client offered it).
 */
final class UpgradeCreator implements WebSocketCreator {
    private final WebSocketIntegrations integrations;
    private final Connections connections;
    private final Executor invocationPool;

    UpgradeCreator(WebSocketIntegrations integrations, Connections connections, Executor invocationPool) {
        this.integrations = integrations;
        this.connections = connections;
        this.invocationPool = invocationPool;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(Map.entry(field.getName(), field.getValue()));
        }
        Handshake handshake = new Handshake(headers, request.getHttpURI().getQuery(), Request.getLocalPort(request));
        String host = handshake.header("Host");
        Connection connection = new Connection(Ids.next(), System.currentTimeMillis(), Request.getRemoteAddr(request),
                handshake.header("User-Agent"), host == null ? Request.getLocalAddr(request) : host,
                new SerialExecutor(invocationPool));
        WebSocketIntegrations.ConnectAnswer answer = integrations.connect(connection, handshake);
        if (!answer.accepted()) {
            response.setStatus(answer.status());
            byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (body.length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            }
            response.write(true, ByteBuffer.wrap(body), callback);
            return null; // answered: no socket
        }
        if (answer.subprotocol() != null && request.hasSubProtocol(answer.subprotocol())) {
            response.setAcceptedSubProtocol(answer.subprotocol());
        }
        return new ConnectionEndpoint(connection, connections, integrations);
    }
}
