package com.unifiedbeez.inbox.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.platform.http.Routes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What `sam deploy` would only find out in AWS: every Handler of template.yaml is a class on the
 * build with that method, implementing RequestHandler with the right event types, and every
 * HttpApi route of a function is one its handler serves — and the other way round; the WebSocket API
 * routes $connect, $disconnect and a two-way $default to its functions, which API Gateway may invoke.
 */
class TemplateContractTest {
    private static final Path TEMPLATE = RepoPaths.findTemplate(Path.of("")).orElseThrow();
    private final SamTemplate template = SamTemplate.load(TEMPLATE);

    @Test
    void everyHandlerExistsAndImplementsRequestHandler() throws Exception {
        assertThat(template.functions()).extracting(SamTemplate.Function::name)
                .contains("ConversationsFunction", "MigrateFunction");
        for (SamTemplate.Function function : template.functions()) {
            assertThat(function.handler()).as(function.name()).matches("[\\w.]+::\\w+");
            String[] parts = function.handler().split("::");
            Class<?> handler = Class.forName(parts[0]);
            assertThat(RequestHandler.class).as(function.name()).isAssignableFrom(handler);
            assertThat(handler.getConstructor()).as("Lambda needs a public no-arg constructor").isNotNull();
            Method method = Arrays.stream(handler.getMethods())
                    .filter(m -> m.getName().equals(parts[1]) && m.getParameterCount() == 2 && !m.isBridge())
                    .findFirst().orElseThrow(() -> new AssertionError(function.handler() + " has no such method"));
            assertThat(method.getParameterTypes()[1]).isEqualTo(Context.class);
        }
    }

    @Test
    void httpFunctionsTakeApiGatewayV2EventsAndServeExactlyTheirTemplateRoutes() throws Exception {
        var byFunction = template.httpRoutes().stream().collect(Collectors.groupingBy(
                SamTemplate.HttpRoute::handler, Collectors.mapping(SamTemplate.HttpRoute::routeKey, Collectors.toCollection(TreeSet::new))));
        assertThat(byFunction).isNotEmpty();
        for (var entry : byFunction.entrySet()) {
            Class<?> handler = Class.forName(entry.getKey().split("::")[0]);
            assertThat(eventTypes(handler)).as(entry.getKey())
                    .containsExactly(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
            var field = handler.getField("ROUTES");
            assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
            Set<String> served = new TreeSet<>(((Routes<?>) field.get(null)).keys());
            assertThat(entry.getValue()).as("template routes of " + handler.getSimpleName()).isEqualTo(served);
        }
    }

    @Test
    void sqsAndScheduleFunctionsTakeTheirEventTypes() throws Exception {
        for (SamTemplate.SqsEvent e : template.sqsEvents()) {
            Type[] types = eventTypes(handlerClass(e.functionName()));
            assertThat(types[0]).as(e.functionName() + " consumes SQS").isEqualTo(SQSEvent.class);
            if (e.reportBatchItemFailures()) {
                assertThat(types[1]).as(e.functionName() + " reports batch item failures")
                        .isEqualTo(SQSBatchResponse.class);
            }
            assertThat(template.queues()).as(e.functionName() + " polls a queue of the template")
                    .anySatisfy(q -> assertThat(q.logicalId()).isEqualTo(e.queue()));
        }
        for (SamTemplate.ScheduleEvent e : template.scheduleEvents()) {
            assertThat(eventTypes(handlerClass(e.functionName()))[0]).as(e.functionName() + " is scheduled")
                    .isEqualTo(ScheduledEvent.class);
        }
    }

    @Test
    void everyRedrivePolicyNamesAQueueOfTheTemplateOfTheSameKind() {
        for (SamTemplate.Queue q : template.queues()) {
            if (q.redrive() == null) {
                continue;
            }
            SamTemplate.Queue dlq = template.queues().stream()
                    .filter(d -> d.logicalId().equals(q.redrive().deadLetterTarget())).findFirst()
                    .orElseThrow(() -> new AssertionError(q.logicalId() + " redrives to an unknown queue"));
            assertThat(dlq.fifo()).as("a FIFO queue needs a FIFO dead-letter queue: " + q.logicalId())
                    .isEqualTo(q.fifo());
            assertThat(q.redrive().maxReceiveCount()).as(q.logicalId() + " maxReceiveCount").isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theWebSocketApiRoutesConnectDisconnectAndATwoWayDefaultToItsFunctions() {
        SamTemplate.WebSocketApi api = template.webSocketApi().orElseThrow();
        assertThat(api.logicalId()).isEqualTo("RealtimeApi");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(api.stageName()).isEqualTo("prod");
        assertThat(api.routes()).containsExactlyInAnyOrder(
                new SamTemplate.WebSocketRoute("$connect", "WsConnectFunction", false),
                new SamTemplate.WebSocketRoute("$disconnect", "WsDisconnectFunction", false),
                new SamTemplate.WebSocketRoute("$default", "WsDefaultFunction", true));
        for (SamTemplate.WebSocketRoute route : api.routes()) {
            assertThat(template.function(route.functionName()).orElseThrow().handler()).as(route.routeKey())
                    .startsWith("com.unifiedbeez.inbox.functions.realtime.Ws");
        }
        JsonNode resources = resources();
        JsonNode defaultRoute = resource(resources, "AWS::ApiGatewayV2::Route", "RouteKey", "$default");
        assertThat(defaultRoute.path("Properties").path("RouteResponseSelectionExpression").asText()).isEqualTo("$default");
        JsonNode response = resource(resources, "AWS::ApiGatewayV2::RouteResponse", "RouteResponseKey", "$default");
        assertThat(response.path("Properties").path("RouteId").asText())
                .isEqualTo(logicalId(resources, defaultRoute));
        JsonNode stage = resource(resources, "AWS::ApiGatewayV2::Stage", "StageName", "prod");
        assertThat(stage.path("Properties").path("AutoDeploy").asBoolean()).isTrue();
        assertThat(stage.path("Properties").path("DefaultRouteSettings").path("ThrottlingRateLimit").asText())
                .isEqualTo("RealtimeThrottlingRateLimit");
        assertThat(template.parameterDefaults()).containsKeys("RealtimeThrottlingBurstLimit",
                "RealtimeThrottlingRateLimit");
    }

    @Test
    void apiGatewayMayInvokeEachWebSocketFunctionForItsRouteThroughItsAlias() {
        JsonNode resources = resources();
        for (SamTemplate.WebSocketRoute route : template.webSocketApi().orElseThrow().routes()) {
            String function = route.functionName();
            JsonNode integration = resources.path(resource(resources, "AWS::ApiGatewayV2::Route", "RouteKey",
                    route.routeKey()).path("Properties").path("Target").asText().replaceAll(".*\\$\\{(\\w+)}.*", "$1"));
            assertThat(integration.path("Properties").path("IntegrationType").asText()).isEqualTo("AWS_PROXY");
            // the alias: SnapStart restores published versions only, as SAM's HttpApi events invoke them
            assertThat(integration.path("Properties").path("IntegrationUri").asText())
                    .contains("${" + function + ".Alias}");
            List<JsonNode> permissions = new ArrayList<>();
            resources.fields().forEachRemaining(r -> {
                JsonNode p = r.getValue().path("Properties");
                if (r.getValue().path("Type").asText().equals("AWS::Lambda::Permission")
                        && p.path("FunctionName").asText().equals(function + ".Alias")) {
                    permissions.add(p);
                }
            });
            assertThat(permissions).as(function + " may be invoked by API Gateway").singleElement().satisfies(p -> {
                assertThat(p.path("Principal").asText()).isEqualTo("apigateway.amazonaws.com");
                assertThat(p.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
                assertThat(p.path("SourceArn").asText()).endsWith("${RealtimeApi}/*/" + route.routeKey());
            });
        }
    }

    @Test
    void theWebSocketUrlIsAnOutput() {
        assertThat(yaml().path("Outputs").path("RealtimeWebSocketUrl").path("Value").asText())
                .isEqualTo("wss://${RealtimeApi}.execute-api.${AWS::Region}.amazonaws.com/prod");
    }

    @Test
    void webSocketFunctionsTakeWebSocketEvents() throws Exception {
        for (SamTemplate.WebSocketRoute route : template.webSocketApi().orElseThrow().routes()) {
            assertThat(eventTypes(handlerClass(route.functionName()))).as(route.functionName())
                    .containsExactly(APIGatewayV2WebSocketEvent.class, APIGatewayV2WebSocketResponse.class);
        }
    }

    private static JsonNode yaml() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resources() {
        return yaml().path("Resources");
    }

    /** The one resource of this type whose property has this value. */
    private static JsonNode resource(JsonNode resources, String type, String property, String value) {
        List<JsonNode> found = new ArrayList<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals(type)
                    && r.getValue().path("Properties").path(property).asText().equals(value)) {
                found.add(r.getValue());
            }
        });
        assertThat(found).as(type + " with " + property + " " + value).hasSize(1);
        return found.get(0);
    }

    private static String logicalId(JsonNode resources, JsonNode resource) {
        for (var it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (r.getValue() == resource) {
                return r.getKey();
            }
        }
        throw new AssertionError("not a resource of the template");
    }

    private Class<?> handlerClass(String function) throws ClassNotFoundException {
        return Class.forName(template.function(function).orElseThrow().handler().split("::")[0]);
    }

    /** The event types of the RequestHandler the class implements, itself or through a superclass. */
    private static Type[] eventTypes(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new AssertionError(handler + " does not implement RequestHandler");
    }
}
