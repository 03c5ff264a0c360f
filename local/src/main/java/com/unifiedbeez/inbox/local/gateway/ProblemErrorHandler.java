package com.unifiedbeez.inbox.local.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the HTTP server refuses before the gateway sees a request (a request line or headers over
 * its limits, a URI it cannot parse), answered as the gateway answers its own errors: RFC 9457
 * problem+json, never Jetty's HTML page. Jetty's message is left out: it may quote the request.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        String slug = switch (code) {
            case 400 -> "bad-request";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "request-header-fields-too-large";
            default -> code >= 500 ? "internal" : "http-" + code;
        };
        GatewayResponse problem = Gateway.problem(code, slug, reason, "the request was refused by the local "
                + "gateway: " + reason, null, reason, "-", List.of());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        for (Map.Entry<String, String> h : problem.headers()) {
            if (!h.getKey().equalsIgnoreCase("content-type") && !h.getKey().equalsIgnoreCase("apigw-requestid")) {
                response.getHeaders().put(h.getKey(), h.getValue());
            }
        }
        response.write(true, ByteBuffer.wrap(problem.body()), callback);
    }
}
