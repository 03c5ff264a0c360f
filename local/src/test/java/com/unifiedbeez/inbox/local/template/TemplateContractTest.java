package com.unifiedbeez.inbox.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.platform.http.Routes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What `sam deploy` would only find out in AWS: every Handler of template.yaml is a class on the
 * build with that method, implementing RequestHandler with the right event types, and every
 * HttpApi route of a function is one its handler serves — and the other way round.
 */
class TemplateContractTest {
    private final SamTemplate template = SamTemplate.load(RepoPaths.findTemplate(Path.of("")).orElseThrow());

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
