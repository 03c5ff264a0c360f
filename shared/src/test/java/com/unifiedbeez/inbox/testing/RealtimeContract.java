package com.unifiedbeez.inbox.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The realtime contract, {@code openapi/asyncapi.yaml}, as the tests hold every frame to it: a
 * server frame is validated against the message its {@code event} names, a client frame against the
 * one its {@code action} names (JSON Schema 2020-12 as OpenAPI 3.1 uses it, formats asserted; the
 * payloads' {@code $ref}s into {@code openapi.yaml} are the HTTP API's own schemas). A frame whose
 * event or action the document lacks fails.
 */
public final class RealtimeContract {
    public static final String RESOURCE = "openapi/asyncapi.yaml";
    private static final String LOCATION = "classpath:" + RESOURCE;
    private static volatile RealtimeContract instance;

    /** Message key in the document, by event or action name. */
    private final Map<String, String> messages = new LinkedHashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private RealtimeContract(JsonNode document) {
        Iterator<Map.Entry<String, JsonNode>> entries = document.path("components").path("messages").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            messages.put(entry.getValue().path("name").asText(), entry.getKey());
        }
    }

    public static RealtimeContract get() {
        if (instance == null) {
            synchronized (RealtimeContract.class) {
                if (instance == null) {
                    instance = new RealtimeContract(load());
                }
            }
        }
        return instance;
    }

    /** Every message name of the document (events and actions). */
    public List<String> names() {
        return List.copyOf(messages.keySet());
    }

    /** The violations of a server → client frame (empty when it conforms). */
    public List<String> problemsOfEvent(String frame) {
        return problems(frame, "event");
    }

    /** The violations of a client → server frame (empty when it conforms). */
    public List<String> problemsOfAction(String frame) {
        return problems(frame, "action");
    }

    /** Fails unless the server frame conforms. */
    public void checkEvent(String frame) {
        fail(frame, problemsOfEvent(frame));
    }

    /** Fails unless the client frame conforms. */
    public void checkAction(String frame) {
        fail(frame, problemsOfAction(frame));
    }

    private List<String> problems(String frame, String discriminator) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(frame);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        String name = node.path(discriminator).asText(null);
        String key = name == null ? null : messages.get(name);
        if (key == null) {
            return List.of("no message of " + RESOURCE + " is named by " + discriminator + " '" + name + "'");
        }
        Schema schema = schemas.computeIfAbsent(key,
                k -> registry.getSchema(SchemaLocation.of(LOCATION + "#/components/messages/" + k + "/payload")));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(node)) {
            problems.add(name + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return problems;
    }

    private static void fail(String frame, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError("frame breaks " + RESOURCE + ": " + problems + "\n" + frame);
        }
    }

    private static JsonNode load() {
        try (InputStream in = RealtimeContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
