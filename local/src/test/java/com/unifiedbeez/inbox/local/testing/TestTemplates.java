package com.unifiedbeez.inbox.local.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The SAM template fixtures of the local runtime's tests (test functions, CloudFormation tags on purpose). */
public final class TestTemplates {
    private TestTemplates() {
    }

    public static Path fixture() {
        return resource("/template-fixture.yaml");
    }

    /** The SQS/Schedule event sources, queues and buckets fixture (SqsRecordingHandler, TickHandler). */
    public static Path events() {
        return resource("/events-fixture.yaml");
    }

    /** Webhook routes open (Auth.Authorizer: NONE) beside JWT routes (RawBodyHandler). */
    public static Path webhooks() {
        return resource("/webhook-template-fixture.yaml");
    }

    /** A WebSocket API (routes $connect, $disconnect, $default, echo, notify) of WsRecordingHandler functions. */
    public static Path webSocket() {
        return resource("/websocket-template-fixture.yaml");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TestTemplates.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
