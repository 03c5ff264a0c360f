package com.unifiedbeez.inbox.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery a webhook adapter verifies is the one the platform sent, byte for byte, at the URL it called. */
class ApiGatewayWebhooksTest {
    private static final String DOMAIN = "abc123.execute-api.eu-west-1.amazonaws.com";

    /** Twilio's signed call of the SMS route, through the gateway of {@link #DOMAIN}. */
    private static HttpEventBuilder<?> sms(String method) {
        return HttpEventBuilder.request(method, "/api/webhooks/sms").domain(DOMAIN)
                .header("X-Twilio-Signature", "abc=").header("Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void aBase64BodyIsDecodedToTheExactBytesAndHeadersAreLowerCased() {
        byte[] raw = "Body=caf%C3%A9&From=%2B447700900001".getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = sms("POST").rawBody(raw).build();
        assertThat(event.getIsBase64Encoded()).isTrue(); // the gateway's way with a form post
        // Names as the platform wrote them: the gateway lower-cases them, a direct invoke need not.
        event.setHeaders(Map.of("X-Twilio-Signature", "abc=", "Content-Type", "application/x-www-form-urlencoded"));
        WebhookRequest request = ApiGatewayWebhooks.request(event, Optional.empty());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(raw);
        assertThat(request.header("X-Twilio-Signature")).contains("abc=");
        assertThat(request.headers()).containsKeys("x-twilio-signature", "content-type");
    }

    @Test
    void aTextBodyIsItsUtf8Bytes() {
        WebhookRequest request = ApiGatewayWebhooks.request(
                HttpEventBuilder.request("POST", "/api/webhooks/telegram").body("{\"t\":\"é\"}").build(), Optional.empty());
        assertThat(request.body()).isEqualTo("{\"t\":\"é\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUrlIsTheConfiguredPublicBaseWithPathAndQueryElseTheGatewayDomain() {
        APIGatewayV2HTTPEvent withQuery = sms("POST").rawQuery("a=1&b=x%20y").build();
        assertThat(ApiGatewayWebhooks.request(withQuery, Optional.of("https://api.example.com")).url())
                .isEqualTo("https://api.example.com/api/webhooks/sms?a=1&b=x%20y");
        assertThat(ApiGatewayWebhooks.request(sms("POST").build(), Optional.empty()).url())
                .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/api/webhooks/sms");
    }

    @Test
    void queryParametersAreDecodedFromTheRawQueryWhenTheGatewayGaveNone() {
        APIGatewayV2HTTPEvent event = HttpEventBuilder.request("GET", "/api/webhooks/whatsapp")
                .rawQuery("hub.mode=subscribe&hub.verify_token=t%2Bk&hub.challenge=1158201444").build();
        event.setQueryStringParameters(null); // the raw query string alone
        WebhookRequest request = ApiGatewayWebhooks.request(event, Optional.empty());
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
