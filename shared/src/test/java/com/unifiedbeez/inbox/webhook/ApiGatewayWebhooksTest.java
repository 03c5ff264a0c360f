package com.unifiedbeez.inbox.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery a webhook adapter verifies is the one the platform sent, byte for byte, at the URL it called. */
class ApiGatewayWebhooksTest {
    private static APIGatewayV2HTTPEvent event(String method, String rawQuery, Map<String, String> query, String body,
                                               boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " /api/webhooks/sms")
                .withRawPath("/api/webhooks/sms")
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(query)
                .withHeaders(Map.of("X-Twilio-Signature", "abc=", "Content-Type", "application/x-www-form-urlencoded"))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(RequestContext.builder().withDomainName("abc123.execute-api.eu-west-1.amazonaws.com")
                        .withHttp(RequestContext.Http.builder().withMethod(method).build()).build())
                .build();
    }

    @Test
    void aBase64BodyIsDecodedToTheExactBytesAndHeadersAreLowerCased() {
        byte[] raw = "Body=caf%C3%A9&From=%2B447700900001".getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = ApiGatewayWebhooks.request(
                event("POST", "", null, Base64.getEncoder().encodeToString(raw), true), Optional.empty());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(raw);
        assertThat(request.header("X-Twilio-Signature")).contains("abc=");
        assertThat(request.headers()).containsKeys("x-twilio-signature", "content-type");
    }

    @Test
    void aTextBodyIsItsUtf8Bytes() {
        WebhookRequest request = ApiGatewayWebhooks.request(event("POST", "", null, "{\"t\":\"é\"}", false), Optional.empty());
        assertThat(request.body()).isEqualTo("{\"t\":\"é\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUrlIsTheConfiguredPublicBaseWithPathAndQueryElseTheGatewayDomain() {
        APIGatewayV2HTTPEvent withQuery = event("POST", "a=1&b=x%20y", Map.of("a", "1", "b", "x y"), "", false);
        assertThat(ApiGatewayWebhooks.request(withQuery, Optional.of("https://api.example.com")).url())
                .isEqualTo("https://api.example.com/api/webhooks/sms?a=1&b=x%20y");
        assertThat(ApiGatewayWebhooks.request(event("POST", "", null, "", false), Optional.empty()).url())
                .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/api/webhooks/sms");
    }

    @Test
    void queryParametersAreDecodedFromTheRawQueryWhenTheGatewayGaveNone() {
        WebhookRequest request = ApiGatewayWebhooks.request(event("GET",
                "hub.mode=subscribe&hub.verify_token=t%2Bk&hub.challenge=1158201444", null, null, false), Optional.empty());
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).containsEntry("hub.mode", "subscribe").containsEntry("hub.verify_token", "t+k")
                .containsEntry("hub.challenge", "1158201444");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void theRouteTableDeclaresBothPathFormsForGetAndPost() {
        assertThat(WebhookRoutes.of("telegram").keys()).containsExactlyInAnyOrder(
                "GET /api/webhooks/telegram", "POST /api/webhooks/telegram",
                "GET /api/inbox/webhooks/telegram", "POST /api/inbox/webhooks/telegram");
    }
}
