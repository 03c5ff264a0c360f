package com.unifiedbeez.inbox.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.local.testing.TestTemplates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SamTemplateTest {
    static Path fixture() {
        return TestTemplates.fixture();
    }

    @Test
    void readsHttpApiEventsThroughCloudFormationTags() throws Exception {
        SamTemplate template = SamTemplate.load(fixture());

        assertThat(template.httpRoutes())
                .extracting(SamTemplate.HttpRoute::routeKey)
                .containsExactlyInAnyOrder(
                        "GET /api/echo/items",
                        "GET /api/echo/items/search",
                        "GET /api/echo/items/{id}",
                        "POST /api/echo/items/{id}",
                        "ANY /api/echo/files/{proxy+}",
                        "GET /api/echo/health",
                        "GET /api/echo/boom");
        var get = template.httpRoutes().stream().filter(r -> r.routeKey().equals("GET /api/echo/items/{id}"))
                .findFirst().orElseThrow();
        assertThat(get.functionName()).isEqualTo("EchoFunction");
        assertThat(get.eventName()).isEqualTo("GetItem");
        // no Handler of its own: the Globals one
        assertThat(get.handler()).isEqualTo("com.unifiedbeez.inbox.local.testing.EchoHandler::handleRequest");
        assertThat(get.authorized()).isTrue();
        assertThat(get.timeoutSeconds()).isEqualTo(15);
        assertThat(get.memoryMb()).isEqualTo(1024);
    }

    @Test
    void readsTheWebSocketApiRoutesThroughTheirIntegrations() {
        SamTemplate template = SamTemplate.load(TestTemplates.webSocket());
        SamTemplate.WebSocketApi api = template.webSocketApi().orElseThrow();
        assertThat(api.logicalId()).isEqualTo("TestWsApi");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(api.stageName()).isEqualTo("prod");
        assertThat(api.routes()).containsExactlyInAnyOrder(
                new SamTemplate.WebSocketRoute("$connect", "ConnectFunction", false), // ${F.Arn}
                new SamTemplate.WebSocketRoute("$disconnect", "DisconnectFunction", false), // ${F.Alias}
                new SamTemplate.WebSocketRoute("$default", "DefaultFunction", true), // RouteResponseSelectionExpression
                new SamTemplate.WebSocketRoute("echo", "EchoFunction", true), // a RouteResponse
                new SamTemplate.WebSocketRoute("notify", "EchoFunction", false)); // the MOCK route is not one
        assertThat(api.route("echo")).isPresent();
        assertThat(template.function("ConnectFunction").orElseThrow().environment())
                .containsEntry("INBOX_TEST_WS_API", "TestWsApi")
                .containsEntry("INBOX_TEST_WS_ENDPOINT", "https://${TestWsApi}.execute-api.${AWS::Region}.amazonaws.com/prod");
        assertThat(template.httpRoutes()).isEmpty();
    }

    @Test
    void aTemplateWithoutAWebSocketApiHasNone() {
        assertThat(SamTemplate.load(fixture()).webSocketApi()).isEmpty();
    }

    @Test
    void authorizerNoneAndFunctionLevelHandler() throws Exception {
        SamTemplate template = SamTemplate.load(fixture());
        var health = template.httpRoutes().stream().filter(r -> r.path().equals("/api/echo/health")).findFirst().orElseThrow();
        assertThat(health.authorized()).isFalse();
        var boom = template.httpRoutes().stream().filter(r -> r.path().equals("/api/echo/boom")).findFirst().orElseThrow();
        assertThat(boom.handler()).isEqualTo("com.unifiedbeez.inbox.local.testing.FailingHandler");
        assertThat(boom.functionName()).isEqualTo("FailingFunction");
        // Timeout: !If [...] is not a number: the Globals value applies
        assertThat(boom.timeoutSeconds()).isEqualTo(15);
    }

    @Test
    void everyShortTagParses() {
        String yaml = String.join("\n",
                "Resources:",
                "  Fn:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: a.B::handleRequest",
                "      Role: !GetAtt [Role, Arn]",
                "      Layers: [!Ref Layer]",
                "      Environment:",
                "        Variables:",
                "          A: !Sub '${AWS::StackName}-a'",
                "          B: !Sub",
                "            - '${X}-b'",
                "            - X: !ImportValue other-stack-x",
                "          C: !Join ['', [!Select [0, !Split [',', !Ref P]], !Base64 x, !FindInMap [M, k, v]]]",
                "          D: !If [Cond, !GetAZs '', !Ref AWS::NoValue]",
                "          E: !Cidr [!GetAtt Vpc.CidrBlock, 6, 8]",
                "          F: !And [!Equals [a, b], !Not [!Condition C], !Or [!Equals [c, d]]]",
                "      Events:",
                "        Get:",
                "          Type: HttpApi",
                "          Properties:",
                "            ApiId: !Ref Api",
                "            Path: /x/{id}",
                "            Method: GET",
                "");
        SamTemplate template = SamTemplate.parse(yaml);
        assertThat(template.httpRoutes()).singleElement()
                .satisfies(r -> {
                    assertThat(r.routeKey()).isEqualTo("GET /x/{id}");
                    assertThat(r.handler()).isEqualTo("a.B::handleRequest");
                    assertThat(r.timeoutSeconds()).isEqualTo(3);
                });
    }

    @Test
    void noPathIsTheDefaultRoute() {
        SamTemplate template = SamTemplate.parse(String.join("\n",
                "Globals: {Function: {Handler: a.B}}",
                "Resources:",
                "  Fn:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Events: {All: {Type: HttpApi}}"));
        assertThat(template.httpRoutes()).singleElement()
                .satisfies(r -> assertThat(r.routeKey()).isEqualTo("$default"));
    }

    @Test
    void anHttpFunctionWithoutHandlerIsATemplateError() {
        assertThatThrownBy(() -> SamTemplate.parse(String.join("\n",
                "Resources:",
                "  Fn:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Events: {Get: {Type: HttpApi, Properties: {Path: /x, Method: GET}}}")))
                .hasMessageContaining("Fn").hasMessageContaining("Handler");
    }

    @Test
    void readsFunctionsEventSourcesQueuesAndBuckets() {
        SamTemplate template = SamTemplate.load(com.unifiedbeez.inbox.local.testing.TestTemplates.events());
        assertThat(template.httpRoutes()).isEmpty();
        SamTemplate.Function worker = template.function("WorkerFunction").orElseThrow();
        assertThat(worker.handler()).isEqualTo("com.unifiedbeez.inbox.local.testing.SqsRecordingHandler::handleRequest");
        assertThat(worker.timeoutSeconds()).isEqualTo(10);
        assertThat(worker.memoryMb()).isEqualTo(512);
        // Globals merged with the function's own; short tags read as plain values, list-form GetAtt joined
        assertThat(worker.environment())
                .containsEntry("INBOX_TEST_WORK_QUEUE_URL", "WorkQueue")
                .containsEntry("INBOX_TEST_WORK_QUEUE_ARN", "WorkQueue.Arn")
                .containsEntry("INBOX_TEST_ORDERED_QUEUE_NAME", "OrderedQueue.QueueName")
                .containsEntry("INBOX_TEST_NOT_A_RESOURCE", "DbUrl")
                .containsEntry("INBOX_TEST_SUB", "${WorkQueue}-suffix")
                .containsEntry("INBOX_TEST_MEDIA_BUCKET", "MediaBucket");
        assertThat(template.function("TickFunction").orElseThrow().environment())
                .doesNotContainKey("INBOX_TEST_MEDIA_BUCKET");

        assertThat(template.sqsEvents()).containsExactlyInAnyOrder(
                new SamTemplate.SqsEvent("WorkerFunction", "Work", "WorkQueue", 10, 0, true, true),
                new SamTemplate.SqsEvent("OrderedWorkerFunction", "Ordered", "OrderedQueue", 10, 0, true, true),
                new SamTemplate.SqsEvent("DeadLetterReaderFunction", "Dead", "WorkDLQ", 10, 0, false, false));
        assertThat(template.scheduleEvents()).containsExactly(
                new SamTemplate.ScheduleEvent("TickFunction", "EveryMinute", "rate(1 minute)", true),
                new SamTemplate.ScheduleEvent("TickFunction", "Nightly", "cron(0 3 * * ? *)", true));

        SamTemplate.Queue ordered = template.queues().stream().filter(q -> q.logicalId().equals("OrderedQueue"))
                .findFirst().orElseThrow();
        assertThat(ordered.fifo()).isTrue();
        assertThat(ordered.queueName()).isNull();
        assertThat(ordered.redrive()).isEqualTo(new SamTemplate.Redrive("OrderedDLQ", 5));
        assertThat(ordered.attributes()).containsEntry("VisibilityTimeout", "1")
                .containsEntry("ContentBasedDeduplication", "false")
                .containsEntry("DeduplicationScope", "messageGroup")
                .containsEntry("FifoThroughputLimit", "perMessageGroupId")
                .containsEntry("MessageRetentionPeriod", "345600")
                .doesNotContainKey("FifoQueue");
        assertThat(template.queues()).extracting(SamTemplate.Queue::logicalId)
                .containsExactly("WorkQueue", "WorkDLQ", "OrderedQueue", "OrderedDLQ");
        assertThat(template.buckets()).containsExactly(new SamTemplate.Bucket("MediaBucket", null),
                new SamTemplate.Bucket("NamedBucket", "inbox-events-test-named"),
                new SamTemplate.Bucket("StackNamedBucket", null));
    }

    @Test
    void theRealTemplatesOutboundQueueAndMedia() {
        SamTemplate template = SamTemplate.load(com.unifiedbeez.inbox.local.RepoPaths.findTemplate(Path.of(""))
                .orElseThrow());
        SamTemplate.Queue outbound = template.queues().stream().filter(q -> q.logicalId().equals("OutboundQueue"))
                .findFirst().orElseThrow();
        assertThat(outbound.fifo()).isTrue();
        assertThat(outbound.redrive()).isEqualTo(new SamTemplate.Redrive("OutboundDLQ", 5));
        assertThat(Integer.parseInt(outbound.attributes().get("VisibilityTimeout"))).isGreaterThanOrEqualTo(6 * 30);
        assertThat(outbound.attributes()).containsEntry("ContentBasedDeduplication", "false");
        assertThat(template.queues()).anySatisfy(q -> {
            assertThat(q.logicalId()).isEqualTo("OutboundDLQ");
            assertThat(q.fifo()).isTrue();
        });
        assertThat(template.buckets()).extracting(SamTemplate.Bucket::logicalId).containsExactly("MediaBucket");
        assertThat(template.function("MessagesFunction").orElseThrow().environment())
                .containsEntry("INBOX_OUTBOUND_QUEUE_URL", "OutboundQueue")
                .containsEntry("INBOX_MEDIA_BUCKET", "MediaBucket");
        assertThat(template.function("OutboundSweeperFunction").orElseThrow().timeoutSeconds()).isEqualTo(60);
        assertThat(template.scheduleEvents()).contains(new SamTemplate.ScheduleEvent("OutboundSweeperFunction",
                "EveryMinute", "rate(1 minute)", true));
    }
}
