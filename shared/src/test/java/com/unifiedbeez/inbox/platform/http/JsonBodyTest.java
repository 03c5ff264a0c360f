package com.unifiedbeez.inbox.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import com.unifiedbeez.inbox.platform.errors.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a request body: what is 400 (not JSON, or past a limit), what is 422 (a field), and the words used. */
class JsonBodyTest {
    record Note(String content, List<String> mentions, Map<String, String> params, Long size, Integer count) {
    }

    private static Problem problem(String body) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> JsonBody.read(body, Note.class));
        assertThat(e).as("refused: " + body).isNotNull();
        return e.toProblem("/test");
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void aWellFormedBodyIsItsRecord() {
        Note note = JsonBody.read(json("{'content':'héllo 😀','mentions':['a'],'params':{'1':'x'},'size':12,'count':3}"), Note.class);
        assertThat(note).isEqualTo(new Note("héllo 😀", List.of("a"), Map.of("1", "x"), 12L, 3));
        assertThat(JsonBody.read(json("{'content':'ok \\ud83d\\ude00'}"), Note.class).content()).isEqualTo("ok 😀");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'content':'x'} xyz", "{'content':'x'}{'content':'y'}", "{'content':'x'}]", "{'content':'x'} 0",
            "{'content':'x'} null", "{'content':'x'}\n\n'trailing'"})
    void trailingContentIsMalformed(String body) {
        Problem p = problem(json(body));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).endsWith("/malformed-json");
        assertThat(p.detail()).matches("malformed JSON at line \\d+, column \\d+");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'content':}                 |1|12",
            "{'content':'x'               |1|15",
            "{content:'x'}                |1|2",
            "{'content':'x',}             |1|16",
            "`{'content':'a','content':'b'}` |1|25",
            "`\n\n  {'content' 'x'}`     |3|14",
            "{'content':'x\u0000'}        |1|14",
            "{'size':NaN}                 |1|12",
            "{'content':'\\q'}            |1|14",
    })
    void malformedJsonNamesItsLineAndColumnInPlainWords(String body, int line, int column) {
        Problem p = problem(json(body));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.detail()).isEqualTo("malformed JSON at line " + line + ", column " + column);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deep", "number", "string", "name"})
    void pastTheReadersLimitsIsA400InOurWords(String limit) {
        String body = switch (limit) {
            case "deep" -> "{\"mentions\":" + "[".repeat(JsonBody.MAX_DEPTH + 1) + "]".repeat(JsonBody.MAX_DEPTH + 1) + "}";
            case "number" -> "{\"size\":" + "1".repeat(JsonBody.MAX_NUMBER_LENGTH + 1) + "}";
            case "string" -> "{\"content\":\"" + "x".repeat(JsonBody.MAX_STRING_LENGTH + 100_000) + "\"}";
            default -> "{\"" + "n".repeat(JsonBody.MAX_NAME_LENGTH + 1) + "\":1}";
        };
        Problem p = problem(body);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.detail()).startsWith("the JSON body ").contains(" at line 1, column ")
                .doesNotContain("Constraints").doesNotContain("getMax").doesNotContain("`")
                .contains(switch (limit) {
                    case "deep" -> "nests deeper than 64 levels";
                    case "number" -> "has a number longer than 100 digits";
                    case "string" -> "has a text longer than";
                    default -> "has a field name longer than";
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'content':'a\\u0000b'}                  |content",
            "{'mentions':['ok','\\u0000']}            |mentions[1]",
            "{'params':{'name':'x\\u0000'}}           |params.name",
            "{'params':{'a\\u0000':'x'}}              |params",
            "{'content':'\\ud800'}                    |content",
            "{'content':'\\udc00\\ud800'}             |content",
            "{'mentions':['\\ud83d']}                 |mentions[0]",
            "{'size':123456789012345678901234567890}  |size",
            "{'size':-99999999999999999999}           |size",
            "{'size':1e999}                           |size",
            "{'count':3000000000}                     |count",
            "{'count':'3'}                            |count",
            "{'contents':'x'}                         |contents",
    })
    void aBadValueIsA422NamingItsField(String body, String field) {
        Problem p = problem(json(body));
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.errors()).extracting(FieldError::field).containsExactly(field);
    }

    @Test
    void everyBadStringIsNamedInOneAnswer() {
        Problem p = problem(json("{'content':'\\u0000','mentions':['\\ud800'],'params':{'k':'\\u0000'}}"));
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("content", "mentions[0]", "params.k");
    }

    @Test
    void aRawSurrogateInATextBodyIsNamedToo() {
        Problem p = problem("{\"content\":\"x\uD800y\"}");
        assertThat(p.errors()).extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("content", "contains an unpaired surrogate (U+D800), which is not Unicode text"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "  ", "null", "[]", "'text'", "42", "true"})
    void aBodyThatIsNotAnObjectIsA400(String body) {
        Problem p = problem(json(body));
        assertThat(p.status()).isEqualTo(400);
    }
}
