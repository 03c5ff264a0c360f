package com.unifiedbeez.inbox.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP routes of a SAM template: every {@code AWS::Serverless::Function} resource's
 * {@code HttpApi} events, as {@code Method Path -> Handler}. CloudFormation short tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) are read as plain values: the gateway needs
 * none of them resolved.
 */
public final class SamTemplate {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String HTTP_API_EVENT = "HttpApi";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One route: the function behind it and how API Gateway guards it. */
    public record HttpRoute(String functionName, String eventName, String method, String path, String handler,
                            boolean authorized, int timeoutSeconds, int memoryMb) {
        /** API Gateway's routeKey: {@code GET /api/inbox/conversations/{id}}, or {@code $default}. */
        public String routeKey() {
            return RouteTable.DEFAULT_ROUTE.equals(path) ? RouteTable.DEFAULT_ROUTE : method + " " + path;
        }
    }

    /** A function of the template and its handler ({@code class::method}); null if it names none. */
    public record Function(String name, String handler) {
    }

    private final List<Function> functions;
    private final List<HttpRoute> routes;

    private SamTemplate(List<Function> functions, List<HttpRoute> routes) {
        this.functions = List.copyOf(functions);
        this.routes = List.copyOf(routes);
    }

    public static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SAM template " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("SAM template is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("SAM template is empty");
        }
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> functions = new ArrayList<>();
        List<HttpRoute> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (!FUNCTION_TYPE.equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String function = resource.getKey();
            JsonNode properties = resource.getValue().path("Properties");
            String handler = text(properties.path("Handler"), text(globals.path("Handler"), null));
            functions.add(new Function(function, handler));
            int timeout = properties.path("Timeout").asInt(globals.path("Timeout").asInt(3));
            int memory = properties.path("MemorySize").asInt(globals.path("MemorySize").asInt(128));
            for (Iterator<Map.Entry<String, JsonNode>> events = properties.path("Events").fields(); events.hasNext(); ) {
                Map.Entry<String, JsonNode> event = events.next();
                if (!HTTP_API_EVENT.equals(event.getValue().path("Type").asText())) {
                    continue;
                }
                if (handler == null) {
                    throw new IllegalArgumentException("function " + function + " has an HttpApi event but no Handler"
                            + " (neither in its Properties nor in Globals.Function)");
                }
                JsonNode props = event.getValue().path("Properties");
                String path = text(props.path("Path"), RouteTable.DEFAULT_ROUTE);
                String method = text(props.path("Method"), "ANY").toUpperCase(Locale.ROOT);
                if (method.equals("*")) {
                    method = "ANY";
                }
                boolean authorized = !"NONE".equalsIgnoreCase(props.path("Auth").path("Authorizer").asText(""));
                routes.add(new HttpRoute(function, event.getKey(), method, path, handler, authorized, timeout, memory));
            }
        }
        return new SamTemplate(functions, routes);
    }

    public List<Function> functions() {
        return functions;
    }

    public List<HttpRoute> httpRoutes() {
        return routes;
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isValueNode() && !node.asText().isBlank() ? node.asText().trim() : fallback;
    }
}
