package com.unifiedbeez.inbox.local.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's management API for the WebSocket API's connections, what the SDK's
 * {@code ApiGatewayManagementApiClient} calls (rest-json, endpoint {@code http://127.0.0.1:<port>}
 * or with the stage, {@code .../prod}):
 * <ul>
 *   <li>{@code POST /@connections/{id}}: the body is one message to that client (text when it is
 *       UTF-8, else binary), in frames of at most 32 KB; 413 {@code PayloadTooLargeException} over
 *       128 KB.</li>
 *   <li>{@code GET /@connections/{id}}: {@code connectedAt}, {@code lastActiveAt} (ISO 8601) and
 *       {@code identity {sourceIp, userAgent}}.</li>
 *   <li>{@code DELETE /@connections/{id}}: closes it (its $disconnect runs); 204.</li>
 * </ul>
 * An unknown or closed connection is 410 {@code GoneException}. Errors carry
 * {@code x-amzn-ErrorType} and {@code {"message": ...}}, which the SDK turns into its typed
 * exceptions. Requests are not SigV4-verified here. Anything else goes to the next handler (the
 * WebSocket upgrade).
 */
final class ManagementApi extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger("gateway.ws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^(?:/([^/@]+))?/@connections/([^/]+)$");
    /** What DELETE closes a connection with. */
    static final int DELETED = 1000;

    private final Connections connections;
    private final WebSocketLimits limits;
    private final String stage;

    ManagementApi(Connections connections, WebSocketLimits limits, String stage, Handler next) {
        super(next);
        this.connections = connections;
        this.limits = limits;
        this.stage = stage;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING; // a post waits for its frames to be written
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher m = PATH.matcher(Request.getPathInContext(request));
        if (!m.matches()) {
            return super.handle(request, response, callback);
        }
        String requestId = Ids.next();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        if (m.group(1) != null && !m.group(1).equals(stage)) {
            return error(response, callback, 403, "ForbiddenException", "Forbidden");
        }
        String id = m.group(2);
        String method = request.getMethod();
        long start = System.nanoTime();
        boolean handled = switch (method) {
            case "POST" -> post(id, request, response, callback);
            case "GET" -> get(id, response, callback);
            case "DELETE" -> delete(id, response, callback);
            default -> error(response, callback, 403, "ForbiddenException", "Forbidden");
        };
        LOG.info("{} @connections/{} {} {}ms", method, id, response.getStatus(), (System.nanoTime() - start) / 1_000_000);
        return handled;
    }

    private boolean post(String id, Request request, Response response, Callback callback) throws Exception {
        ByteBuffer content = Content.Source.asByteBuffer(request);
        byte[] data = new byte[content.remaining()];
        content.get(data);
        if (data.length > limits.messageBytes()) {
            return error(response, callback, 413, "PayloadTooLargeException",
                    "Message too long: " + data.length + " bytes, the limit is " + limits.messageBytes());
        }
        Optional<Connection> connection = connections.get(id);
        if (connection.isEmpty()) {
            return gone(response, callback, id);
        }
        try {
            String text = utf8(data);
            if (text != null) {
                connection.get().sendText(text, limits.frameBytes());
            } else {
                connection.get().sendBinary(data, limits.frameBytes());
            }
        } catch (Connection.SendFailed e) {
            LOG.info("post to {} not delivered: {}", id, e.getMessage());
            return gone(response, callback, id);
        }
        return json(response, callback, 200, null);
    }

    private boolean get(String id, Response response, Callback callback) {
        Optional<Connection> found = connections.get(id);
        if (found.isEmpty()) {
            return gone(response, callback, id);
        }
        Connection c = found.get();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", c.sourceIp());
        identity.put("userAgent", c.userAgent());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connectedAt", Instant.ofEpochMilli(c.connectedAt()).toString());
        body.put("identity", identity);
        body.put("lastActiveAt", Instant.ofEpochMilli(c.lastActiveAt()).toString());
        return json(response, callback, 200, body);
    }

    private boolean delete(String id, Response response, Callback callback) {
        Optional<Connection> found = connections.get(id);
        if (found.isEmpty()) {
            return gone(response, callback, id);
        }
        found.get().close(DELETED, "");
        response.setStatus(204);
        callback.succeeded();
        return true;
    }

    private boolean gone(Response response, Callback callback, String id) {
        return error(response, callback, 410, "GoneException", "Connection " + id + " is gone");
    }

    private boolean error(Response response, Callback callback, int status, String type, String message) {
        response.getHeaders().put("x-amzn-ErrorType", type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        return json(response, callback, status, body);
    }

    private static boolean json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] bytes = body == null ? new byte[0] : JSON.valueToTree(body).toString().getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    /** The bytes as text when they are valid UTF-8, else null. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
