package com.unifiedbeez.inbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a handler receives outside AWS: the HTTP API's event, a made-up SQS record, the Context. */
class LambdaInputsTest {
    @Test
    void anHttpEventCarriesTheRouteThePathItsParametersAndTheClaims() {
        var event = HttpEventBuilder.request("PATCH", "/api/inbox/conversations/{id}/messages/{messageId}")
                .path("id", 7).path("messageId", "m 1").query("view", "all")
                .header("Idempotency-Key", "k1").claims(Map.of("sub", "u1", "org_id", "o1", "role", "agent"))
                .body("{}").build();

        assertThat(event.getRouteKey()).isEqualTo("PATCH /api/inbox/conversations/{id}/messages/{messageId}");
        assertThat(event.getRawPath()).isEqualTo("/api/inbox/conversations/7/messages/m 1");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo(event.getRawPath());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("PATCH");
        assertThat(event.getPathParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("id", "7", "messageId", "m 1"));
        assertThat(event.getQueryStringParameters()).containsExactlyEntriesOf(Map.of("view", "all"));
        assertThat(event.getRawQueryString()).isEqualTo("view=all");
        assertThat(event.getHeaders()).containsEntry("idempotency-key", "k1")
                .containsEntry("content-type", "application/json");
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("org_id", "o1");
        assertThat(event.getBody()).isEqualTo("{}");
    }

    @Test
    void withoutClaimsThereIsNoAuthorizerAndAMissingPathParameterIsNamed() {
        var event = HttpEventBuilder.request("GET", "/api/inbox/conversations").build();
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
        assertThat(event.getPathParameters()).isNull();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getHeaders()).doesNotContainKey("content-type");

        assertThatThrownBy(() -> HttpEventBuilder.request("GET", "/api/inbox/conversations/{id}").build())
                .hasMessageContaining("{id}");
    }

    @Test
    void aPlatformsHandshakeKeepsItsQueryStringRawAndDecoded() {
        var event = HttpEventBuilder.request("GET", "/api/webhooks/whatsapp")
                .rawQuery("hub.mode=subscribe&hub.verify_token=t%2Bk&hub.challenge=1158201444").build();

        assertThat(event.getRouteKey()).isEqualTo("GET /api/webhooks/whatsapp");
        assertThat(event.getRawQueryString()).isEqualTo("hub.mode=subscribe&hub.verify_token=t%2Bk&hub.challenge=1158201444");
        assertThat(event.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(
                Map.of("hub.mode", "subscribe", "hub.verify_token", "t+k", "hub.challenge", "1158201444"));
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
        assertThat(event.getRequestContext().getDomainName()).isEqualTo(HttpEventBuilder.DOMAIN);
        assertThat(event.getHeaders()).containsExactlyEntriesOf(Map.of("host", HttpEventBuilder.DOMAIN));
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();

        var repeated = HttpEventBuilder.request("GET", "/q").rawQuery("tag=a&tag=b").query("q", "x y").build();
        assertThat(repeated.getRawQueryString()).isEqualTo("tag=a&tag=b&q=x+y");
        assertThat(repeated.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("tag", "a,b", "q", "x y"));
    }

    @Test
    void aSignedDeliveryArrivesAsTextWhenJsonAndBase64WhenAForm() {
        byte[] json = "{\"t\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        var meta = HttpEventBuilder.request("POST", "/api/webhooks/whatsapp").domain("inbox.example.test")
                .headers(Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=ab"))
                .rawBody(json).build();
        assertThat(meta.getBody()).isEqualTo("{\"t\":\"é\"}");
        assertThat(meta.getIsBase64Encoded()).isFalse();
        assertThat(meta.getHeaders()).containsEntry("x-hub-signature-256", "sha256=ab")
                .containsEntry("host", "inbox.example.test");
        assertThat(meta.getRequestContext().getDomainName()).isEqualTo("inbox.example.test");

        byte[] form = "Body=caf%C3%A9&From=%2B447700900001".getBytes(StandardCharsets.UTF_8);
        var twilio = HttpEventBuilder.request("POST", "/api/webhooks/sms")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", "abc=").rawBody(form).build();
        assertThat(twilio.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(twilio.getBody())).isEqualTo(form);
        assertThat(twilio.getHeaders()).containsEntry("content-type", "application/x-www-form-urlencoded; charset=UTF-8");

        var untyped = HttpEventBuilder.request("POST", "/api/webhooks/telegram").rawBody(json).build();
        assertThat(untyped.getIsBase64Encoded()).isTrue();
        assertThat(untyped.getHeaders()).doesNotContainKey("content-type");
        var forced = HttpEventBuilder.request("POST", "/api/webhooks/telegram").header("content-type", "application/json")
                .base64Body(json).build();
        assertThat(forced.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(forced.getBody())).isEqualTo(json);
    }

    @Test
    void aMadeUpSqsRecordHasItsIdBodyAndAttributes() {
        var record = SqsEvents.record("r1", "{\"a\":1}", Map.of("MessageGroupId", "g"));
        var event = SqsEvents.event(java.util.List.of(record));
        assertThat(event.getRecords()).containsExactly(record);
        assertThat(record.getMessageId()).isEqualTo("r1");
        assertThat(record.getBody()).isEqualTo("{\"a\":1}");
        assertThat(record.getAttributes()).containsEntry("MessageGroupId", "g");
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
    }

    @Test
    void theContextNamesTheFunctionAsLambdaDoesAndCountsDownItsTimeout() {
        LambdaContext context = LambdaContext.of("inbox-Migrate").withArnOf("eu-west-2", "123456789012")
                .withLogStream("2025/01/14/[$LATEST]abc").withMemoryMb(1024).withTimeoutSeconds(300)
                .withRequestId("req-1");

        assertThat(context.getFunctionName()).isEqualTo("inbox-Migrate");
        assertThat(context.getAwsRequestId()).isEqualTo("req-1");
        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/inbox-Migrate");
        assertThat(context.getLogStreamName()).isEqualTo("2025/01/14/[$LATEST]abc");
        assertThat(context.getInvokedFunctionArn())
                .isEqualTo("arn:aws:lambda:eu-west-2:123456789012:function:inbox-Migrate");
        assertThat(context.getFunctionVersion()).isEqualTo("$LATEST");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(1024);
        assertThat(context.getRemainingTimeInMillis()).isBetween(290_000, 300_000);
        assertThat(LambdaContext.of("f", "r", 128, 0).getRemainingTimeInMillis()).isZero();

        LambdaContext local = LambdaContext.of("Conversations");
        assertThat(local.getLogStreamName()).isEqualTo("local/[$LATEST]Conversations");
        assertThat(local.getInvokedFunctionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:" + EmbeddedAws.ACCOUNT_ID + ":function:Conversations");
        assertThat(local.getAwsRequestId()).isNotEqualTo(LambdaContext.of("Conversations").getAwsRequestId());
        local.getLogger().log("a line through SLF4J\n");
    }
}
