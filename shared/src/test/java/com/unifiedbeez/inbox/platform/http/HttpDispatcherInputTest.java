package com.unifiedbeez.inbox.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.CallerResolver;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Duration;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the dispatcher refuses before a route runs: bodies that are not UTF-8, query values that are not text. */
class HttpDispatcherInputTest {
    record Echo(String content) {
    }

    private static final Routes<Object> ROUTES = Routes.builder()
            .post("/echo", (h, r) -> ApiResult.ok(r.body(Echo.class)))
            .get("/query", (h, r) -> ApiResult.ok(r.query()))
            .build();
    /** The dispatcher checks the caller against the database before it reads the input: a real member. */
    private static final Fixtures FIXTURES = Fixtures.onTestDatabase();
    private static final Caller CALLER = FIXTURES.user(FIXTURES.organization("Input"), "Ann", Role.AGENT);
    private static final CallerResolver CALLERS =
            new CallerResolver(new Database(TestDatabase.dataSource()), Duration.ZERO);

    private static JsonNode answer(APIGatewayV2HTTPEvent event, int status) throws Exception {
        APIGatewayV2HTTPResponse response = HttpDispatcher.dispatch(ROUTES, new Object(), event, CALLERS);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return Json.mapper().readTree(response.getBody());
    }

    private static APIGatewayV2HTTPEvent base64(byte[] body) {
        return HttpEvents.request("POST", "/echo").as(CALLER).base64Body(body).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ff", "fe", "c0af", "c1bf", "e282", "e0808a", "eda080", "edbfbf", "f4908080", "f880808080", "80", "bf"})
    void aBase64BodyThatIsNotUtf8IsA400(String hex) throws Exception {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] head = "{\"content\":\"ab".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + 2];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        JsonNode problem = answer(base64(body), 400);
        assertThat(problem.path("detail").asText()).isEqualTo("the body is not valid UTF-8 (byte " + head.length + ")");
    }

    @Test
    void aBase64BodyInUtf8IsRead() throws Exception {
        assertThat(answer(base64("{\"content\":\"Grüße 👍 \\u00e9\"}".getBytes(StandardCharsets.UTF_8)), 200)
                .path("content").asText()).isEqualTo("Grüße 👍 é");
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIsA400() throws Exception {
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/echo").as(CALLER).build();
        event.setBody("{\"content\":\"x\"}");
        event.setIsBase64Encoded(true);
        answer(event, 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\u0000", "\u0000", "\uD800", "x\uDC00y"})
    void aQueryValueThatIsNotTextIsA422NamingIt(String value) throws Exception {
        JsonNode problem = answer(HttpEvents.request("GET", "/query").as(CALLER).query("ok", "fine").query("q", value).build(), 422);
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("q");
    }

    @Test
    void aQueryParameterNameThatIsNotTextIsA422() throws Exception {
        JsonNode problem = answer(HttpEvents.request("GET", "/query").as(CALLER).query("q\u0000", "x").build(), 422);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("query");
    }

    @Test
    void whoIsAskingIsCheckedBeforeWhatTheySent() throws Exception {
        answer(HttpEvents.request("GET", "/query").query("q", "\u0000").build(), 401);
    }
}
