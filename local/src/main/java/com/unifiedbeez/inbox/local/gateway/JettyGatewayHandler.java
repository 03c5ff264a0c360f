package com.unifiedbeez.inbox.local.gateway;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Jetty's side of the gateway (core handler API, no servlets): read the request, write the answer. */
public final class JettyGatewayHandler extends Handler.Abstract {
    private final Gateway gateway;

    public JettyGatewayHandler(Gateway gateway) {
        super(InvocationType.BLOCKING); // functions do blocking JDBC work, as on Lambda
        this.gateway = gateway;
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

        GatewayResponse answer = gateway.handle(gatewayRequest);

        response.setStatus(answer.status());
        for (Map.Entry<String, String> h : answer.headers()) {
            response.getHeaders().add(h.getKey(), h.getValue());
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
