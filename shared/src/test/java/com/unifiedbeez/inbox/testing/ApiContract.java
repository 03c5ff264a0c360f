package com.unifiedbeez.inbox.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API contract, {@code openapi/openapi.yaml}, as the tests hold every answer to it: the status
 * is one the operation documents, the content type one documented for that status, and the body
 * validates against that schema (networknt json-schema-validator with the OpenAPI 3.1 dialect,
 * formats asserted, so a UUID or a time that is not one fails). An answer to a route the document
 * lacks fails too, so a new route group cannot go undocumented.
 */
public final class ApiContract {
    public static final String RESOURCE = "openapi/openapi.yaml";
    private static final String LOCATION = "classpath:" + RESOURCE;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static volatile ApiContract instance;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ApiContract(JsonNode document) {
        this.document = document;
        // The OpenAPI 3.1 dialect, and JSON Schema 2020-12 for the documents it refers to that declare it
        // (settings-v1.schema.json).
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .dialectRegistry(new DefaultDialectRegistry(List.of(Dialects.getOpenApi31(), Dialects.getDraft202012())))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** The document on the classpath (loaded once). */
    public static ApiContract get() {
        if (instance == null) {
            synchronized (ApiContract.class) {
                if (instance == null) {
                    instance = new ApiContract(load());
                }
            }
        }
        return instance;
    }

    private static JsonNode load() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every operation of the document as API Gateway's routeKey: {@code GET /api/inbox/conversations/{id}}. */
    public Set<String> routeKeys() {
        Set<String> keys = new LinkedHashSet<>();
        document.path("paths").fields().forEachRemaining(path -> resolve(path.getValue(), "").node().fieldNames()
                .forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        keys.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return keys;
    }

    /** The operation object of {@code method path} (a path template as the document writes it), if documented. */
    public Optional<JsonNode> operation(String method, String pathTemplate) {
        return Optional.ofNullable(operationAt(method, pathTemplate)).map(Located::node);
    }

    /** The document's path template a concrete path matches; literal segments outrank parameters, as in API Gateway. */
    public Optional<String> pathTemplate(String method, String path) {
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        List<String> candidates = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(template -> {
            String[] segments = template.substring(1).split("/", -1);
            if (segments.length != parts.length || operationAt(method, template) == null) {
                return;
            }
            for (int i = 0; i < segments.length; i++) {
                boolean parameter = segments[i].startsWith("{") && segments[i].endsWith("}");
                if (parameter ? parts[i].isEmpty() : !segments[i].equals(parts[i])) {
                    return;
                }
            }
            candidates.add(template);
        });
        return candidates.stream().max(Comparator.comparingLong(t -> t.chars().filter(c -> c == '{').count() * -1L));
    }

    /** What is wrong with an answer to {@code method pathTemplate}; empty when it keeps the contract. */
    public List<String> violations(String method, String pathTemplate, int status, String contentType, String body) {
        String operationName = method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
        List<String> problems = new ArrayList<>();
        Located operation = operationAt(method, pathTemplate);
        if (operation == null) {
            problems.add(operationName + " is not in " + RESOURCE);
            return problems;
        }
        JsonNode responses = operation.node().path("responses");
        String code = String.valueOf(status);
        String key = responses.has(code) ? code : responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX" : null;
        if (key == null) {
            problems.add(operationName + " answered " + status + ", which it does not document (documented: "
                    + names(responses) + ")");
            return problems;
        }
        Located response = resolve(responses.get(key), operation.pointer() + "/responses/" + escape(key));
        JsonNode content = response.node().path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (!hasBody) {
            if (content.size() > 0) {
                problems.add(operationName + " " + status + " came without a body; documented: " + names(content));
            }
            return problems;
        }
        if (contentType == null) {
            problems.add(operationName + " " + status + " has a body but no content-type");
            return problems;
        }
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            problems.add(operationName + " " + status + " answered " + media + ", documented: " + names(content));
            return problems;
        }
        JsonNode instance;
        if (media.equals("application/json") || media.endsWith("+json")) {
            try {
                instance = com.unifiedbeez.inbox.platform.json.Json.mapper().readTree(body);
            } catch (IOException e) {
                problems.add(operationName + " " + status + " body is not JSON: " + e.getMessage());
                return problems;
            }
        } else {
            instance = TextNode.valueOf(body);
        }
        Schema schema = schema(response.pointer() + "/content/" + escape(media) + "/schema",
                content.get(media).path("schema"));
        for (Error error : schema.validate(instance)) {
            problems.add(operationName + " " + status + " " + media + ": " + error.getInstanceLocation() + " "
                    + error.getMessage());
        }
        return problems;
    }

    /** Fails with every violation listed. */
    public void check(String method, String pathTemplate, int status, String contentType, String body) {
        List<String> problems = violations(method, pathTemplate, status, contentType, body);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer breaks the API contract (" + RESOURCE + "):\n  "
                    + String.join("\n  ", problems) + "\n  body: " + abbreviate(body));
        }
    }

    /**
     * Checks a function's answer to an API Gateway event. The event's routeKey names the operation; an
     * event for a route the document lacks (a test of an unknown route) may only be answered 404.
     */
    public static void check(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        ApiContract contract = get();
        String key = event.getRouteKey() == null ? "" : event.getRouteKey();
        int space = key.indexOf(' ');
        String method = space > 0 ? key.substring(0, space) : event.getRequestContext() == null ? ""
                : event.getRequestContext().getHttp().getMethod();
        String template = space > 0 ? key.substring(space + 1) : null;
        if (template == null || contract.operation(method, template).isEmpty()) {
            template = contract.pathTemplate(method, event.getRawPath() == null ? "" : event.getRawPath()).orElse(null);
        }
        String contentType = header(response.getHeaders(), "content-type");
        String body = response.getBody() != null && response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), java.nio.charset.StandardCharsets.UTF_8)
                : response.getBody();
        if (template == null) {
            if (response.getStatusCode() != 404) {
                throw new AssertionError("an answer to the undocumented route " + key + " " + event.getRawPath()
                        + " must be 404, not " + response.getStatusCode());
            }
            return;
        }
        contract.check(method, template, response.getStatusCode(), contentType, body);
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private Schema schema(String pointer, JsonNode node) {
        // A schema that is only a $ref is loaded from its target, whose pointer has no path characters.
        JsonNode ref = node.path("$ref");
        String target = ref.isTextual() && ref.asText().startsWith("#/") ? ref.asText().substring(1) : pointer;
        return schemas.computeIfAbsent(target, p -> registry.getSchema(SchemaLocation.of(LOCATION + "#" + fragment(p))));
    }

    /** A located node of the document: the node and its JSON pointer. */
    private record Located(JsonNode node, String pointer) {
    }

    private Located operationAt(String method, String pathTemplate) {
        JsonNode item = document.path("paths").get(pathTemplate);
        if (item == null) {
            return null;
        }
        Located path = resolve(item, "/paths/" + escape(pathTemplate));
        String m = method.toLowerCase(Locale.ROOT);
        JsonNode operation = path.node().get(m);
        return operation == null ? null : new Located(operation, path.pointer() + "/" + m);
    }

    /** Follows local {@code $ref}s (responses, path items) to the node they name. */
    private Located resolve(JsonNode node, String pointer) {
        Located at = new Located(node, pointer);
        for (int hops = 0; at.node().path("$ref").isTextual() && hops < 10; hops++) {
            String ref = at.node().path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local $refs are supported: " + ref);
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("$ref " + ref + " names nothing in " + RESOURCE);
            }
            at = new Located(target, ref.substring(1));
        }
        return at;
    }

    /** A JSON pointer token: ~ and / escaped. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer as a URI fragment. */
    private static String fragment(String pointer) {
        return pointer.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20");
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.toString();
    }

    private static String abbreviate(String body) {
        return body == null ? "(none)" : body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
