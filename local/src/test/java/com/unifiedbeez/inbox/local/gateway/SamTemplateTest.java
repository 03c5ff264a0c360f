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
}
