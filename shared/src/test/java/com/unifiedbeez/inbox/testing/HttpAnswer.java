package com.unifiedbeez.inbox.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An HTTP function's answer with its JSON body parsed, as a test reads it. Every answer is checked
 * against the API contract on the way ({@link ApiContract}): status, content type and body schema.
 */
public record HttpAnswer(int status, String contentType, JsonNode json) {
    /** Calls the handler as Lambda would, with the event API Gateway would deliver. */
    public static HttpAnswer call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                  APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        ApiContract.check(event, response);
        try {
            JsonNode body = response.getBody() == null ? null : Json.mapper().readTree(response.getBody());
            String type = response.getHeaders() == null ? null : response.getHeaders().get("content-type");
            return new HttpAnswer(response.getStatusCode(), type, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem type's slug, e.g. {@code not-found}. */
    public String problemType() {
        return json.path("type").asText();
    }
}
