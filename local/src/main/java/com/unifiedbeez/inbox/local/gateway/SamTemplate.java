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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the local runtime needs of a SAM template: the functions (handler, timeout, memory,
 * environment), their {@code HttpApi} routes ({@code Method Path -> Handler}), {@code SQS} and
 * {@code Schedule} events, the {@code AWS::SQS::Queue} and {@code AWS::S3::Bucket} resources, and the
 * WebSocket API's routes ({@link #webSocketApi()}).
 *
 * <p>CloudFormation short tags are read as plain values: {@code !Ref OutboundQueue} is the string
 * {@code "OutboundQueue"}, {@code !GetAtt OutboundQueue.Arn} the string {@code "OutboundQueue.Arn"}
 * (its list form {@code [OutboundQueue, Arn]} is turned into the same string), {@code !Sub} its
 * template text; the runtime resolves references to the resources it creates and ignores the rest.
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

    public static final String SQS_EVENT = "SQS";
    public static final String SCHEDULE_EVENT = "Schedule";
    public static final String SCHEDULE_V2_EVENT = "ScheduleV2";
    public static final String QUEUE_TYPE = "AWS::SQS::Queue";
    public static final String BUCKET_TYPE = "AWS::S3::Bucket";
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    /**
     * A function of the template: its handler ({@code class::method}; null if it names none), Timeout
     * and MemorySize (Globals applied), and its environment variables (Globals merged with its own;
     * scalar values only, short tags read as plain values — see the class comment).
     */
    public record Function(String name, String handler, int timeoutSeconds, int memoryMb,
                           Map<String, String> environment) {
        public Function {
            environment = Map.copyOf(environment);
        }
    }

    /**
     * An {@code SQS} event: the function polls {@code queue} (the logical id its {@code Queue:}
     * property refers to, or the raw value when it names no queue of the template).
     */
    public record SqsEvent(String functionName, String eventName, String queue, int batchSize,
                           int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, boolean enabled) {
    }

    /** A {@code Schedule} (or {@code ScheduleV2}) event: {@code rate(...)} or {@code cron(...)}. */
    public record ScheduleEvent(String functionName, String eventName, String expression, boolean enabled) {
    }

    /** The redrive policy of a queue: the dead-letter target as written (logical id when it is one). */
    public record Redrive(String deadLetterTarget, int maxReceiveCount) {
    }

    /**
     * An {@code AWS::SQS::Queue}: its QueueName when written as a literal (else null), whether it is
     * FIFO, its other scalar properties as SQS attributes (VisibilityTimeout, ContentBasedDeduplication,
     * ...), and its redrive policy (or null).
     */
    public record Queue(String logicalId, String queueName, boolean fifo, Map<String, String> attributes,
                        Redrive redrive) {
        public Queue {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * An {@code AWS::DynamoDB::Table}: its TableName when written as a literal (else null) and its
     * properties as written (keys, attributes, indexes, billing; testkit's DynamoTables reads them).
     */
    public record Table(String logicalId, String tableName, JsonNode properties) {
    }

    /** An {@code AWS::S3::Bucket}: its BucketName when written as a literal (else null). */
    public record Bucket(String logicalId, String bucketName) {
    }

    public static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";

    /**
     * The HttpApi's {@code CorsConfiguration}, parameters resolved to their defaults: what the
     * gateway answers a preflight with and adds to the answers of a cross-origin request.
     */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, int maxAgeSeconds, boolean allowCredentials) {
        public Cors {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }

    /**
     * The HttpApi's JWT authorizer as written: its issuer and audiences, each the name of the template
     * parameter it refers to ({@code !Ref JwtIssuer} reads as {@code "JwtIssuer"}) or a literal.
     */
    public record JwtAuthorizerConfig(String name, String issuer, List<String> audience) {
        public JwtAuthorizerConfig {
            audience = List.copyOf(audience);
        }
    }

    /**
     * A route of the WebSocket API: its key ({@code $connect}, {@code $disconnect}, {@code $default} or
     * a value of the route selection expression), the function its Lambda proxy integration invokes,
     * and whether it is two-way (the function's answer goes back to the client).
     */
    public record WebSocketRoute(String routeKey, String functionName, boolean twoWay) {
    }

    /**
     * The template's WebSocket API ({@code AWS::ApiGatewayV2::Api}, {@code ProtocolType: WEBSOCKET}): its
     * logical id, route selection expression ({@code $request.body.action}), stage name and the routes
     * that lead to a function of the template.
     */
    public record WebSocketApi(String logicalId, String routeSelectionExpression, String stageName,
                               List<WebSocketRoute> routes) {
        public WebSocketApi {
            routes = List.copyOf(routes);
        }

        public Optional<WebSocketRoute> route(String routeKey) {
            return routes.stream().filter(r -> r.routeKey().equals(routeKey)).findFirst();
        }
    }

    /** Scalar queue properties that are SQS attributes of the same name. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("ContentBasedDeduplication", "DeduplicationScope",
            "FifoThroughputLimit", "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
            "ReceiveMessageWaitTimeSeconds");

    private final List<Function> functions;
    private final List<HttpRoute> routes;
    private final List<SqsEvent> sqsEvents;
    private final List<ScheduleEvent> scheduleEvents;
    private final List<Queue> queues;
    private final List<Bucket> buckets;
    private List<Table> tables = List.of();
    private Map<String, String> parameterDefaults = Map.of();
    private Cors cors;
    private JwtAuthorizerConfig jwtAuthorizer;
    private WebSocketApi webSocketApi;

    private SamTemplate(List<Function> functions, List<HttpRoute> routes, List<SqsEvent> sqsEvents,
                        List<ScheduleEvent> scheduleEvents, List<Queue> queues, List<Bucket> buckets) {
        this.functions = List.copyOf(functions);
        this.routes = List.copyOf(routes);
        this.sqsEvents = List.copyOf(sqsEvents);
        this.scheduleEvents = List.copyOf(scheduleEvents);
        this.queues = List.copyOf(queues);
        this.buckets = List.copyOf(buckets);
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
        Set<String> logicalIds = new LinkedHashSet<>();
        root.path("Resources").fieldNames().forEachRemaining(logicalIds::add);
        List<Function> functions = new ArrayList<>();
        List<HttpRoute> routes = new ArrayList<>();
        List<SqsEvent> sqsEvents = new ArrayList<>();
        List<ScheduleEvent> scheduleEvents = new ArrayList<>();
        List<Queue> queues = new ArrayList<>();
        List<Bucket> buckets = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            String type = resource.getValue().path("Type").asText();
            if (QUEUE_TYPE.equals(type)) {
                queues.add(queue(resource.getKey(), resource.getValue().path("Properties"), logicalIds));
                continue;
            }
            if (TABLE_TYPE.equals(type)) {
                JsonNode properties = resource.getValue().path("Properties");
                tables.add(new Table(resource.getKey(), literal(properties.path("TableName")).orElse(null), properties));
                continue;
            }
            if (BUCKET_TYPE.equals(type)) {
                buckets.add(new Bucket(resource.getKey(),
                        literal(resource.getValue().path("Properties").path("BucketName")).orElse(null)));
                continue;
            }
            if (!FUNCTION_TYPE.equals(type)) {
                continue;
            }
            String function = resource.getKey();
            JsonNode properties = resource.getValue().path("Properties");
            String handler = text(properties.path("Handler"), text(globals.path("Handler"), null));
            int timeout = properties.path("Timeout").asInt(globals.path("Timeout").asInt(3));
            int memory = properties.path("MemorySize").asInt(globals.path("MemorySize").asInt(128));
            Map<String, String> environment = new LinkedHashMap<>();
            environment(globals.path("Environment").path("Variables"), logicalIds, environment);
            environment(properties.path("Environment").path("Variables"), logicalIds, environment);
            functions.add(new Function(function, handler, timeout, memory, environment));
            for (Iterator<Map.Entry<String, JsonNode>> events = properties.path("Events").fields(); events.hasNext(); ) {
                Map.Entry<String, JsonNode> event = events.next();
                String eventType = event.getValue().path("Type").asText();
                JsonNode eventProps = event.getValue().path("Properties");
                if (SQS_EVENT.equals(eventType)) {
                    requireHandler(function, handler, eventType);
                    String queue = reference(eventProps.path("Queue"), logicalIds).map(r -> r.split("\\.")[0])
                            .orElse(eventProps.path("Queue").asText());
                    boolean reportFailures = false;
                    for (JsonNode t : eventProps.path("FunctionResponseTypes")) {
                        reportFailures |= "ReportBatchItemFailures".equals(t.asText());
                    }
                    sqsEvents.add(new SqsEvent(function, event.getKey(), queue, eventProps.path("BatchSize").asInt(10),
                            eventProps.path("MaximumBatchingWindowInSeconds").asInt(0), reportFailures,
                            eventProps.path("Enabled").asBoolean(true)));
                    continue;
                }
                if (SCHEDULE_EVENT.equals(eventType) || SCHEDULE_V2_EVENT.equals(eventType)) {
                    requireHandler(function, handler, eventType);
                    String expression = text(eventProps.path(SCHEDULE_EVENT.equals(eventType) ? "Schedule"
                            : "ScheduleExpression"), "");
                    boolean enabled = eventProps.path("Enabled").asBoolean(true)
                            && !"DISABLED".equalsIgnoreCase(eventProps.path("State").asText(""));
                    scheduleEvents.add(new ScheduleEvent(function, event.getKey(), expression, enabled));
                    continue;
                }
                if (!HTTP_API_EVENT.equals(eventType)) {
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
        SamTemplate template = new SamTemplate(functions, routes, sqsEvents, scheduleEvents, queues, buckets);
        Map<String, String> defaults = new LinkedHashMap<>();
        root.path("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().path("Default").isValueNode()) {
                defaults.put(p.getKey(), p.getValue().path("Default").asText());
            }
        });
        template.parameterDefaults = Map.copyOf(defaults);
        template.tables = List.copyOf(tables);
        Set<String> functionNames = new LinkedHashSet<>();
        functions.forEach(f -> functionNames.add(f.name()));
        template.webSocketApi = WebSocketApiReader.read(root.path("Resources"), functionNames).orElse(null);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (HTTP_API_TYPE.equals(resource.getValue().path("Type").asText())) {
                JsonNode properties = resource.getValue().path("Properties");
                template.cors = cors(properties.path("CorsConfiguration"), defaults);
                template.jwtAuthorizer = jwtAuthorizer(properties.path("Auth"));
                break;
            }
        }
        return template;
    }

    /** The default of each template parameter that has one. */
    public Map<String, String> parameterDefaults() {
        return parameterDefaults;
    }

    /** The HttpApi's CORS configuration (parameters at their defaults), if it has one. */
    public Optional<Cors> cors() {
        return Optional.ofNullable(cors);
    }

    /** The template's WebSocket API (its first, if it declares several), if it has one. */
    public Optional<WebSocketApi> webSocketApi() {
        return Optional.ofNullable(webSocketApi);
    }

    /** The HttpApi's default JWT authorizer, if it has one. */
    public Optional<JwtAuthorizerConfig> jwtAuthorizer() {
        return Optional.ofNullable(jwtAuthorizer);
    }

    private static Cors cors(JsonNode config, Map<String, String> defaults) {
        if (!config.isObject()) {
            return null;
        }
        return new Cors(list(config.path("AllowOrigins"), defaults), list(config.path("AllowMethods"), defaults),
                list(config.path("AllowHeaders"), defaults), list(config.path("ExposeHeaders"), defaults),
                config.path("MaxAge").asInt(0), config.path("AllowCredentials").asBoolean(false));
    }

    /**
     * A list property: a YAML list, a comma-separated string, or {@code !Split [",", !Ref Param]}
     * (read as the two-element list {@code [",", "Param"]}) split from the parameter's default.
     */
    private static List<String> list(JsonNode value, Map<String, String> defaults) {
        List<String> items = new ArrayList<>();
        if (value.isArray() && value.size() == 2 && value.get(0).isTextual() && value.get(0).asText().length() == 1
                && value.get(1).isTextual() && defaults.containsKey(value.get(1).asText())) {
            for (String item : defaults.get(value.get(1).asText()).split(java.util.regex.Pattern.quote(value.get(0).asText()))) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        } else if (value.isArray()) {
            value.forEach(v -> items.add(defaults.getOrDefault(v.asText(), v.asText()).trim()));
        } else if (value.isValueNode() && !value.asText().isBlank()) {
            for (String item : value.asText().split(",")) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static JwtAuthorizerConfig jwtAuthorizer(JsonNode auth) {
        String name = auth.path("DefaultAuthorizer").asText("");
        JsonNode jwt = auth.path("Authorizers").path(name).path("JwtConfiguration");
        if (name.isEmpty() || !jwt.isObject()) {
            return null;
        }
        List<String> audience = new ArrayList<>();
        JsonNode aud = jwt.path("audience");
        if (aud.isArray()) {
            aud.forEach(a -> audience.add(a.asText()));
        } else if (aud.isValueNode()) {
            audience.add(aud.asText());
        }
        return new JwtAuthorizerConfig(name, jwt.path("issuer").asText(null), audience);
    }

    public List<Function> functions() {
        return functions;
    }

    public Optional<Function> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<HttpRoute> httpRoutes() {
        return routes;
    }

    public List<SqsEvent> sqsEvents() {
        return sqsEvents;
    }

    public List<ScheduleEvent> scheduleEvents() {
        return scheduleEvents;
    }

    public List<Queue> queues() {
        return queues;
    }

    public List<Bucket> buckets() {
        return buckets;
    }

    public List<Table> tables() {
        return tables;
    }

    private static void requireHandler(String function, String handler, String eventType) {
        if (handler == null) {
            throw new IllegalArgumentException("function " + function + " has an " + eventType + " event but no Handler"
                    + " (neither in its Properties nor in Globals.Function)");
        }
    }

    private static Queue queue(String logicalId, JsonNode properties, Set<String> logicalIds) {
        boolean fifo = properties.path("FifoQueue").asBoolean(false);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : QUEUE_ATTRIBUTES) {
            JsonNode value = properties.path(name);
            if (value.isValueNode() && !value.asText().isBlank()) {
                attributes.put(name, value.asText().trim());
            }
        }
        Redrive redrive = null;
        JsonNode policy = properties.path("RedrivePolicy");
        if (policy.isObject()) {
            JsonNode target = policy.path("deadLetterTargetArn");
            String dlq = reference(target, logicalIds).map(r -> r.split("\\.")[0]).orElse(target.asText());
            redrive = new Redrive(dlq, policy.path("maxReceiveCount").asInt(10));
        }
        return new Queue(logicalId, literal(properties.path("QueueName")).orElse(null), fifo, attributes, redrive);
    }

    private static void environment(JsonNode variables, Set<String> logicalIds, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            JsonNode value = variable.getValue();
            if (value.isValueNode()) {
                into.put(variable.getKey(), value.asText());
            } else {
                getAttList(value, logicalIds).ifPresent(v -> into.put(variable.getKey(), v));
            }
        }
    }

    /**
     * What a {@code !Ref X} / {@code !GetAtt X.Attr} value refers to, when X is a resource of the
     * template: {@code "X"} or {@code "X.Attr"}.
     */
    private static Optional<String> reference(JsonNode value, Set<String> logicalIds) {
        if (value.isTextual()) {
            String text = value.asText().trim();
            return logicalIds.contains(text.split("\\.")[0]) ? Optional.of(text) : Optional.empty();
        }
        return getAttList(value, logicalIds);
    }

    /** {@code !GetAtt [X, Attr]} (read as a two-element list) as {@code "X.Attr"}, when X is a resource. */
    private static Optional<String> getAttList(JsonNode value, Set<String> logicalIds) {
        if (value.isArray() && value.size() == 2 && value.get(0).isTextual() && value.get(1).isTextual()
                && logicalIds.contains(value.get(0).asText())) {
            return Optional.of(value.get(0).asText() + "." + value.get(1).asText());
        }
        return Optional.empty();
    }

    /** A name written as a plain literal (not a !Sub template, not a list-form function). */
    private static Optional<String> literal(JsonNode value) {
        if (value.isValueNode() && !value.asText().isBlank() && !value.asText().contains("${")) {
            return Optional.of(value.asText().trim());
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isValueNode() && !node.asText().isBlank() ? node.asText().trim() : fallback;
    }
}
