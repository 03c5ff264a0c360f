package com.unifiedbeez.inbox.local.gateway;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's side of the gateway (core handler API, no servlets): read the request (body bytes as
 * sent), hand it to the gateway (or whatever else answers requests, e.g. the channel sandbox beside
 * it), write the answer.
 */
public final class JettyGatewayHandler extends Handler.Abstract {
    private final Function<GatewayRequest, GatewayResponse> gateway;

    public JettyGatewayHandler(Gateway gateway) {
        this(gateway::handle);
    }

    public JettyGatewayHandler(Function<GatewayRequest, GatewayResponse> answer) {
        super(InvocationType.BLOCKING); // functions do blocking JDBC work, as on Lambda
        this.gateway = answer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(Map.entry(field.getName(), field.getValue()));
        }
        ByteBuffer content = Content.Source.asByteBuffer(request);
        byte[] body = new byte[content.remaining()];
        content.get(body);
        GatewayRequest gatewayRequest = new GatewayRequest(
                request.getMethod(),
                request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(),
                headers,
                body,
                Request.getRemoteAddr(request),
                request.getConnectionMetaData().getProtocol());

        GatewayResponse answer = gateway.apply(gatewayRequest);

        response.setStatus(answer.status());
        for (Map.Entry<String, String> h : answer.headers()) {
            response.getHeaders().add(h.getKey(), h.getValue());
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
