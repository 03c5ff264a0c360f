package com.unifiedbeez.inbox.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaGraphErrorTest {

    @ParameterizedTest(name = "HTTP {0}, code {1}/{2} -> {3} {4}")
    @CsvSource({
            // documented Send API errors (send-api/error-codes)
            "400, 10, 2018278, rejected, 10/2018278",
            "400, 551, 1545041, rejected, 551/1545041",
            "400, 100, 2018001, rejected, 100/2018001",
            "401, 190, , rejected, 190",
            "400, 230, , rejected, 230",
            // rate limits and temporary failures
            "400, 4, , retry, 4",
            "400, 17, , retry, 17",
            "400, 32, , retry, 32",
            "400, 613, , retry, 613",
            "400, 1200, , retry, 1200",
            "500, 2, , retry, 2",
            "429, 100, , retry, 100",
            "503, 1, , retry, 1",
    })
    void mapsCodes(int status, int code, Integer subcode, String expected, String codeText) {
        String body = "{\"error\":{\"message\":\"platform says no\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"Ab12\"}}";
        SendOutcome outcome = MetaGraphError.of(answer(status, body)).outcome(answer(status, body));
        if (expected.equals("retry")) {
            assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
            assertThat(((SendOutcome.Retry) outcome).reason()).contains(codeText).contains("platform says no");
        } else {
            assertThat(outcome).isEqualTo(new SendOutcome.Rejected(codeText, "platform says no"));
        }
    }

    @ParameterizedTest(name = "{0} without a Graph error body")
    @CsvSource({"400, rejected", "404, rejected", "502, retry"})
    void answersWithoutGraphErrorBodyUseTheStatus(int status, String expected) {
        PlatformHttp.Answer answer = answer(status, "<html>Bad Gateway</html>");
        SendOutcome outcome = MetaGraphError.of(answer).outcome(answer);
        if (expected.equals("retry")) {
            assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
        } else {
            assertThat(outcome).isEqualTo(new SendOutcome.Rejected("http-" + status, "HTTP " + status + ": <html>Bad Gateway</html>"));
        }
    }

    @org.junit.jupiter.api.Test
    void theTransientFlagMeansRetryAndRetryAfterIsKept() {
        PlatformHttp.Answer answer = new PlatformHttp.Answer(400,
                "{\"error\":{\"message\":\"busy\",\"code\":100,\"is_transient\":true}}".getBytes(StandardCharsets.UTF_8),
                Optional.empty(), Optional.of(Duration.ofSeconds(30)));
        assertThat(MetaGraphError.of(answer).outcome(answer))
                .isEqualTo(new SendOutcome.Retry("Graph API 100: busy", Duration.ofSeconds(30)));
    }

    @org.junit.jupiter.api.Test
    void aProductAddsItsOwnTransientCodesAndDetailsFollowTheMessage() {
        PlatformHttp.Answer answer = answer(400, "{\"error\":{\"message\":\"(#131056) pair rate limit hit\",\"code\":131056,"
                + "\"error_data\":{\"details\":\"too many messages to the same number\"}}}");
        MetaGraphError error = MetaGraphError.of(answer);

        assertThat(error.retryable()).isFalse();
        assertThat(error.retryable(java.util.Set.of(131056))).isTrue();
        assertThat(error.retry(answer).reason())
                .isEqualTo("Graph API 131056: (#131056) pair rate limit hit: too many messages to the same number");
    }

    private static PlatformHttp.Answer answer(int status, String body) {
        return new PlatformHttp.Answer(status, body.getBytes(StandardCharsets.UTF_8), Optional.of("application/json"),
                Optional.empty());
    }
}
