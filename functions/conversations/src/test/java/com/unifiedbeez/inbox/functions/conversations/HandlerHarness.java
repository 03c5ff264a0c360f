package com.unifiedbeez.inbox.functions.conversations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The real handler on the real test database, called as Lambda would call it. */
final class HandlerHarness {
    private static ConversationsHandler handler;

    private HandlerHarness() {
    }

    static synchronized ConversationsHandler handler() {
        if (handler == null) {
            handler = new ConversationsHandler(DaggerConversationsComponent.factory().create(TestDatabase.config()));
        }
        return handler;
    }

    /** A response with its JSON body parsed. */
    record Answer(int status, String contentType, JsonNode json) {
        String problemType() {
            return json.path("type").asText();
        }
    }

    static Answer call(HttpEvents request) {
        return call(request.build());
    }

    static Answer call(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);
        try {
            JsonNode body = response.getBody() == null ? null : Json.mapper().readTree(response.getBody());
            String type = response.getHeaders() == null ? null : response.getHeaders().get("content-type");
            return new Answer(response.getStatusCode(), type, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
