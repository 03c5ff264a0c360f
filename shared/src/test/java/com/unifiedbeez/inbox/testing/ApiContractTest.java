package com.unifiedbeez.inbox.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract check can fail: every kind of drift it is there to catch is caught, and a true answer passes. */
class ApiContractTest {
    static final ApiContract CONTRACT = ApiContract.get();
    static final String SUMMARY = """
            {"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","status":"active","priority":"normal","channel":"whatsapp",
             "subject":null,"contact":{"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c","name":"Ada","avatarUrl":null},
             "assignee":{"user":{"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d","name":"Sam"},"team":null},
             "labels":[{"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5e","name":"vip","color":"#FF0000"}],
             "lastMessagePreview":"hello","lastMessageAt":"2026-11-24T10:15:30.123456Z","lastInboundAt":null,
             "reply":{"open":false,"replyableUntil":null,"requiresTemplate":true},"unreadCount":2,
             "createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:15:30.123456Z"%s}""";

    static String summary(String extra) {
        return SUMMARY.formatted(extra);
    }

    @Test
    void aTrueAnswerKeepsTheContract() {
        assertThat(CONTRACT.violations("PATCH", "/api/inbox/conversations/{id}/read", 200, "application/json",
                summary(""))).isEmpty();
        assertThat(CONTRACT.violations("DELETE", "/api/inbox/messages/{id}", 204, null, null)).isEmpty();
        assertThat(CONTRACT.violations("GET", "/api/inbox/conversations/{id}", 404, "application/problem+json",
                "{\"type\":\"https://docs.unifiedbeez.com/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"conversation x does not exist\",\"instance\":\"/api/inbox/conversations/x\"}"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a field the document does not know | ,\"secret\":\"x\"                      | secret",
            "a field of the wrong type           | ,\"unreadCount\":\"2\"                | unreadCount",
            "an id that is not a UUID            | ,\"id\":\"42\"                        | id",
            "a time that is not ISO-8601         | ,\"createdAt\":\"24/11/2026\"          | createdAt",
            "a value outside its enum            | ,\"status\":\"archived\"               | status",
            "null where null is not allowed      | ,\"labels\":null                     | labels"})
    void aBodyThatDriftsFromTheSchemaFails(String drift, String extra, String field) {
        // a repeated key: Jackson keeps the last value, so the drifted one is what gets validated
        assertThat(CONTRACT.violations("PATCH", "/api/inbox/conversations/{id}/read", 200, "application/json",
                summary(extra))).as(drift).isNotEmpty().anySatisfy(v -> assertThat(v).contains(field));
    }

    @Test
    void aMissingRequiredFieldFails() {
        String withoutSubject = summary("").replace("\"subject\":null,", "");
        assertThat(CONTRACT.violations("PATCH", "/api/inbox/conversations/{id}/read", 200, "application/json",
                withoutSubject)).anySatisfy(v -> assertThat(v).contains("subject"));
    }

    @Test
    void anUndocumentedStatusContentTypeOrRouteFails() {
        assertThat(CONTRACT.violations("PATCH", "/api/inbox/conversations/{id}/read", 201, "application/json",
                summary(""))).singleElement().asString().contains("201");
        assertThat(CONTRACT.violations("PATCH", "/api/inbox/conversations/{id}/read", 200, "text/html", "<p>hi</p>"))
                .singleElement().asString().contains("text/html");
        assertThat(CONTRACT.violations("GET", "/api/inbox/conversations/{id}/read", 200, "application/json", "{}"))
                .singleElement().asString().contains("not in");
        assertThat(CONTRACT.violations("DELETE", "/api/inbox/messages/{id}", 204, "application/json", "{}"))
                .singleElement().asString().contains("204");
        assertThat(CONTRACT.violations("PATCH", "/api/inbox/conversations/{id}/read", 200, null, null))
                .singleElement().asString().contains("without a body");
    }

    @Test
    void aProblemWithAnUnknownMemberOrAForeignTypeFails() {
        assertThat(CONTRACT.violations("GET", "/api/inbox/conversations/{id}", 404, "application/problem+json",
                "{\"type\":\"https://docs.unifiedbeez.com/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"stack\":\"at com.unifiedbeez...\"}")).anySatisfy(v -> assertThat(v).contains("stack"));
        assertThat(CONTRACT.violations("GET", "/api/inbox/conversations/{id}", 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404}"))
                .anySatisfy(v -> assertThat(v).contains("type"));
    }

    @Test
    void theHandlerHookFailsOnADriftedAnswer() {
        var event = HttpEvents.request("PATCH", "/api/inbox/conversations/{id}/read").path("id", "x").build();
        var drifted = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json")).withBody(summary(",\"unreadCount\":-1")).build();
        assertThatThrownBy(() -> ApiContract.check(event, drifted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("unreadCount");
        var unknownRoute = HttpEvents.request("GET", "/api/inbox/nothing").build();
        var ok = APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        assertThatThrownBy(() -> ApiContract.check(unknownRoute, ok)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("undocumented");
    }

    @Test
    void concretePathsFindTheirTemplateLiteralSegmentsFirst() {
        assertThat(CONTRACT.pathTemplate("GET", "/api/inbox/conversations/search")).contains("/api/inbox/conversations/search");
        assertThat(CONTRACT.pathTemplate("GET", "/api/inbox/conversations/0190")).contains("/api/inbox/conversations/{id}");
        assertThat(CONTRACT.pathTemplate("GET", "/api/inbox/messages/search")).contains("/api/inbox/messages/search");
        assertThat(CONTRACT.pathTemplate("POST", "/api/inbox/conversations/0190")).isEmpty();
    }
}
