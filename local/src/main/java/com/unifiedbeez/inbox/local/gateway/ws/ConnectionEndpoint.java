package com.unifiedbeez.inbox.local.gateway.ws;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's side of one accepted connection: once open it can be found (@connections) and is watched
 * for the limits (public: Jetty calls it through method handles); each message is handed to its route's function in arrival order; the close,
 * whichever side or limit caused it, runs $disconnect exactly once, after the messages before it.
 */
public final class ConnectionEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger("gateway.ws");
    private final Connection connection;
    private final Connections connections;
    private final WebSocketIntegrations integrations;

    ConnectionEndpoint(Connection connection, Connections connections, WebSocketIntegrations integrations) {
        this.connection = connection;
        this.connections = connections;
        this.integrations = integrations;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection.opened(session);
        connections.add(connection);
    }

    @Override
    public void onWebSocketText(String message) {
        connection.touch();
        connection.invocations().execute(() -> integrations.message(connection, message, false));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        connection.touch();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        String body = Base64.getEncoder().encodeToString(bytes);
        connection.invocations().execute(() -> integrations.message(connection, body, true));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // a frame or message over the limits, a broken socket: the close that follows reports it
        LOG.debug("connection {}: {}", connection.id(), cause.toString());
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        connections.remove(connection);
        if (connection.markDisconnected()) {
            connection.invocations().execute(() -> integrations.disconnect(connection, status, reason));
        }
    }
}
