package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on every messages route is a precise 4xx that changes nothing: NUL and unpaired
 * surrogates in any string or query value, trailing garbage, invalid UTF-8, JSON past the parser's
 * limits, non-ASCII numbers, dates PostgreSQL cannot store, forged cursors, and reactions that are
 * not one emoji. Each case checks the answer and that the organization's rows and the outbound
 * queue are untouched.
 */
class BadInputTest {
    private static final String BASE = "/api/inbox/messages";
    private static final String CONV = "$conv";
    private static final String MSG = "$msg";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private UUID org;
    private Caller sam;
    private UUID conversation;
    private UUID message;
    private DatabaseSnapshot before;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam", Role.AGENT);
        fx.channelConnection(org, "whatsapp");
        UUID alice = fx.contact(org, "Alice", "whatsapp", "4477009" + UUID.randomUUID().toString().substring(0, 5));
        conversation = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(now.minus(1, ChronoUnit.HOURS)));
        message = fx.inboundMessage(org, conversation, "Hi, my parcel never arrived", now.minus(30, ChronoUnit.MINUTES));
        drainQueue();
        before = DatabaseSnapshot.of(org);
    }

    @AfterEach
    void nothingChanged() {
        if (before != null) {
            assertThat(DatabaseSnapshot.of(org)).as("rows of the organization").isEqualTo(before);
            assertThat(drainQueue()).as("outbound queue").isEmpty();
        }
    }

    private HttpEvents route(String method, String template) {
        HttpEvents event = request(method, BASE + template).as(sam);
        if (template.contains("{conversationId}")) {
            event.path("conversationId", conversation);
        }
        if (template.contains("{id}")) {
            event.path("id", message);
        }
        return event;
    }

    private String fill(String json) {
        return json.replace(CONV, conversation.toString()).replace(MSG, message.toString()).replace('\'', '"');
    }

    private static void assertInvalid(HttpAnswer answer, String field) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(StreamSupport.stream(answer.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asText())).as(answer.json().toString()).contains(field);
    }

    /** A body with NUL ("\u0000" in JSON) in one string field: 422 naming that field. */
    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "POST |/send          |{'conversationId':'$conv','content':'hi\\u0000there'}                      |content",
            "POST |/send          |{'conversationId':'$conv\\u0000','content':'hi'}                           |conversationId",
            "POST |/send          |{'conversationId':'$conv','content':'hi','type':'text\\u0000'}             |type",
            "POST |/send          |{'conversationId':'$conv','attachments':['$msg\\u0000']}                   |attachments[0]",
            "POST |/send-template |{'conversationId':'$conv','templateId':'$msg','params':{'1':'a\\u0000'}}  |params.1",
            "POST |/send-template |{'conversationId':'$conv','templateId':'$msg\\u0000','params':{}}          |templateId",
            "POST |/upload        |{'conversationId':'$conv','fileName':'a\\u0000.jpg','contentType':'image/jpeg','size':10} |fileName",
            "POST |/upload        |{'conversationId':'$conv','fileName':'a.jpg','contentType':'image/jpeg\\u0000','size':10} |contentType",
            "POST |/{id}/react    |{'emoji':'\\u0000'}                                                        |emoji",
            "POST |/{id}/react    |{'emoji':'👍\\u0000'}                                                      |emoji",
            "PATCH|/{id}/status   |{'status':'read\\u0000'}                                                   |status",
            "PATCH|/{id}/status   |{'status':'failed','errorCode':'1','errorMessage':'no\\u0000pe'}           |errorMessage",
            "PATCH|/{id}/status   |{'status':'failed','errorCode':'1\\u0000','errorMessage':'nope'}           |errorCode",
    })
    void nulInAJsonStringIsA422NamingTheField(String method, String template, String body, String field) {
        assertInvalid(call(route(method.strip(), template.strip()).body(fill(body.strip()))), field.strip());
    }

    /** Unpaired UTF-16 surrogates, as JSON escapes or as raw characters: not Unicode text, so 422. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{'conversationId':'$conv','content':'\\ud800'}",
            "{'conversationId':'$conv','content':'x \\udc00 y'}",
            "{'conversationId':'$conv','content':'\\ude00\\ud83d'}",
            "{'conversationId':'$conv','content':'\uD83D'}",
            "{'conversationId':'$conv','content':'end\uDE00'}",
    })
    void anUnpairedSurrogateIsA422NotAQuestionMarkSentToTheCustomer(String body) {
        assertInvalid(call(route("POST", "/send").body(fill(body))), "content");
    }

    @Test
    void aPairedSurrogateEscapeIsAnEmojiAndIsSent() {
        before = null; // this one is accepted
        HttpAnswer answer = call(route("POST", "/send").body(fill("{'conversationId':'$conv','content':'ok \\ud83d\\ude00'}")));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("content").asText()).isEqualTo("ok 😀");
        drainQueue();
    }

    /** NUL in any query value: 422 naming the parameter (NUL is written {@code <NUL>} in the table: CSV trims it). */
    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "/search            |q              |parcel<NUL>",
            "/search            |q              |<NUL>parcel",
            "/search            |from           |2026-01-01<NUL>",
            "/search            |channel        |whatsapp<NUL>",
            "/search            |conversationId |<NUL>",
            "/search            |cursor         |<NUL>",
            "/{conversationId}  |before         |<NUL>",
            "/{conversationId}  |limit          |1<NUL>",
    })
    void nulInAQueryValueIsA422NamingTheParameter(String template, String parameter, String value) {
        HttpEvents event = route("GET", template.strip()).query(parameter.strip(), value.replace("<NUL>", "\u0000"));
        if (template.strip().equals("/search") && !parameter.strip().equals("q")) {
            event.query("q", "parcel");
        }
        assertInvalid(call(event), parameter.strip());
    }

    /** Trailing content after the JSON document is not ignored: 400 with a plain location. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{'conversationId':'$conv','content':'x'} xyz",
            "{'conversationId':'$conv','content':'x'}{'conversationId':'$conv','content':'y'}",
            "{'conversationId':'$conv','content':'x'}]",
            "{'conversationId':'$conv','content':'x'} 1",
    })
    void trailingGarbageIsA400(String body) {
        HttpAnswer answer = call(route("POST", "/send").body(fill(body)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).matches("malformed JSON at line \\d+, column \\d+");
    }

    /** Malformed JSON: the detail names a place, never the parser's internals. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{'conversationId':'$conv','content':}",
            "{'conversationId':'$conv','content':'x'",
            "{conversationId:'$conv'}",
            "{'conversationId':'$conv','content':'x',}",
            "{'conversationId':'$conv','content':NaN}",
            "{'conversationId':'$conv','content':'tab\there'}",
            "{'conversationId':'$conv','content':'nul\u0000raw'}",
            "{'conversationId':'$conv','content':'bad \\x escape'}",
            "\n\n  {'conversationId' '$conv'}",
    })
    void malformedJsonNamesLineAndColumnOnly(String body) {
        HttpAnswer answer = call(route("POST", "/send").body(fill(body)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).matches("malformed JSON at line \\d+, column \\d+");
        assertThat(answer.json().toString()).doesNotContainIgnoringCase("jackson").doesNotContain("Feature")
                .doesNotContain("com.fasterxml").doesNotContain("Constraints").doesNotContain("`");
    }

    /** The parser's limits (nesting, number length, string length) are 4xx with a plain detail. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deep", "long-number", "long-string"})
    void jsonPastTheParsersLimitsIsA4xx(String kind) {
        String body = switch (kind) {
            case "deep" -> "{\"conversationId\":\"" + conversation + "\",\"attachments\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            case "long-number" -> "{\"conversationId\":\"" + conversation + "\",\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":"
                    + "9".repeat(5000) + "}";
            default -> "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + "x".repeat(2_000_000) + "\"}";
        };
        HttpAnswer answer = call(route("POST", kind.equals("long-number") ? "/upload" : "/send").body(body));
        assertThat(answer.status()).isIn(400, 422);
        assertThat(answer.json().toString()).doesNotContainIgnoringCase("jackson").doesNotContain("Constraints")
                .doesNotContain("com.fasterxml").doesNotContain("getMax");
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(strings = {"99999999999999999999", "-99999999999999999999", "1e400", "10.5"})
    void anOutOfRangeNumberIsA422NamingTheField(String size) {
        assertInvalid(call(route("POST", "/upload").body(fill("{'conversationId':'$conv','fileName':'a.jpg','contentType':'image/jpeg','size':"
                + size + "}"))), "size");
    }

    /** Bytes that are not UTF-8, delivered base64-encoded as API Gateway does for them: 400. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ff", "c0af", "e282", "eda080", "80", "f4908080", "edb080"})
    void invalidUtf8IsA400(String hex) {
        byte[] head = ("{\"conversationId\":\"" + conversation + "\",\"content\":\"x").getBytes(StandardCharsets.UTF_8);
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
        HttpAnswer answer = HttpAnswer.call(MessagesHarness.handler(), route("POST", "/send").base64Body(body).build());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).contains("UTF-8");
    }

    @Test
    void aBodyThatIsNotBase64IsA400() {
        APIGatewayV2HTTPEvent event = route("POST", "/send").build();
        event.setBody("{not base64}");
        event.setIsBase64Encoded(true);
        assertThat(HttpAnswer.call(MessagesHarness.handler(), event).status()).isEqualTo(400);
    }

    @Test
    void validUtf8InABase64BodyIsRead() {
        before = null; // accepted
        APIGatewayV2HTTPEvent event = route("POST", "/send")
                .base64Body(fill("{'conversationId':'$conv','content':'Grüße 👍'}").getBytes(StandardCharsets.UTF_8)).build();
        HttpAnswer answer = HttpAnswer.call(MessagesHarness.handler(), event);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("content").asText()).isEqualTo("Grüße 👍");
        drainQueue();
    }

    /** Numbers in the query string are ASCII digits, nothing else. */
    @ParameterizedTest(name = "{0} limit={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/search           |١٢", "/search           |+5", "/search           |` 5`", "/search           |5.0",
            "/search           |1e2", "/search           |99999999999999999999", "/search           |０５",
            "/{conversationId} |١٢", "/{conversationId} |+5", "/{conversationId} |`5 `", "/{conversationId} |1e2",
            "/{conversationId} |99999999999", "/{conversationId} |-0", "/{conversationId} |0x10",
    })
    void aLimitThatIsNotAsciiDigitsIsA422(String template, String limit) {
        assertInvalid(call(route("GET", template.strip()).query("q", "parcel").query("limit", limit)), "limit");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"5", "05", "100"})
    void asciiDigitsAreALimit(String limit) {
        assertThat(call(route("GET", "/search").query("q", "parcel").query("limit", limit)).status()).isEqualTo(200);
        assertThat(call(route("GET", "/{conversationId}").query("limit", limit)).status()).isEqualTo(200);
    }

    /** Search dates PostgreSQL cannot hold (or that are not dates): 422 naming the parameter. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "from|+999999999-12-31T23:59:59Z", "to|-999999999-01-01T00:00:00Z", "from|+10000-01-01T00:00:00Z",
            "to|-0001-01-01T00:00:00Z", "from|0000-01-01", "to|2026-02-30", "from|2026-1-1", "to|yesterday",
            "from|+294277-01-01T00:00:00Z", "to|2026-11-24T25:00:00Z",
    })
    void aSearchDateOutOfRangeIsA422(String parameter, String value) {
        assertInvalid(call(route("GET", "/search").query("q", "parcel").query(parameter, value)), parameter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0001-01-01", "9999-12-31", "2026-11-24T10:00:00Z", "1970-01-01T00:00:00.123456Z"})
    void aSearchDateInRangeIsAccepted(String value) {
        assertThat(call(route("GET", "/search").query("q", "parcel").query("from", value)).status()).isEqualTo(200);
        assertThat(call(route("GET", "/search").query("q", "parcel").query("to", value)).status()).isEqualTo(200);
    }

    /** Cursors this API never returned, including well-formed ones that point outside PostgreSQL's range. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nope", "", "%%%", "-9223372036854775808|00000000-0000-0000-0000-000000000000",
            "9223372036854775807|00000000-0000-0000-0000-000000000000", "٣|00000000-0000-0000-0000-000000000000",
            "1|zzz", "|", "o:5"})
    void aForgedHistoryCursorIsA422(String raw) {
        String cursor = raw.isEmpty() || raw.startsWith("%") || raw.equals("nope") ? raw + "!"
                : Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertInvalid(call(route("GET", "/{conversationId}").query("before", cursor)), "before");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"o:-1", "o:١", "o:+5", "o:99999999999", "x:5", "o:", "o:5 "})
    void aForgedSearchCursorIsA422(String raw) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertInvalid(call(route("GET", "/search").query("q", "parcel").query("cursor", cursor)), "cursor");
    }

    /** A reaction is one emoji: ZWJ sequences, skin tones, flags and keycaps included; text is not. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ok", "a", "1", "#", ":)", "👍👍", "👍 👍", "👍a", "❤️❤️", "🇬", "\u200d", "\ufe0f",
            "👍\u200d", "x\u20e3", "☺☺", "<b>👍</b>", "👍\n👍"})
    void aReactionThatIsNotOneEmojiIsA422(String emoji) {
        assertInvalid(call(route("POST", "/{id}/react").body("{\"emoji\":\"" + emoji.replace("\n", "\\n") + "\"}")), "emoji");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", " ", "   "})
    void anEmptyReactionIsA422(String emoji) {
        assertInvalid(call(route("POST", "/{id}/react").body("{\"emoji\":\"" + emoji + "\"}")), "emoji");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"👍", "❤️", "❤", "😀", "👍🏽", "👨‍👩‍👧‍👦", "🧑🏾‍💻", "🏳️‍🌈", "🇬🇧", "🇺🇦", "1️⃣", "#️⃣",
            "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☺️", "🫠"})
    void aReactionThatIsOneEmojiIsStored(String emoji) {
        before = null; // accepted
        HttpAnswer answer = call(route("POST", "/{id}/react").body("{\"emoji\":\"" + emoji + "\"}"));
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        assertThat(answer.json().path("reactions").get(0).path("emoji").asText()).isEqualTo(emoji);
    }
}
