package com.unifiedbeez.inbox.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Search parameters: dates PostgreSQL can hold, ASCII numbers, cursors we issued. */
class MessageSearchQueryTest {
    private static String field(Map<String, String> query) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> MessageSearchQuery.fromQuery(query));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        return e.toProblem("/").errors().stream().map(FieldError::field).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "-0001-12-31T00:00:00Z", "0000-12-31T23:59:59Z", "0000-01-01", "+294277-01-01T00:00:00Z", "2026-02-30",
            "٢٠٢٦-01-01", "2026-11-24T10:00:00", "2026-11-24 10:00:00Z"})
    void aDateOutsideFourDigitYearsOrNotADateIsA422(String value) {
        assertThat(field(Map.of("q", "x", "from", value))).isEqualTo("from");
        assertThat(field(Map.of("q", "x", "to", value))).isEqualTo("to");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0001-01-01, 0001-01-01T00:00:00Z", "9999-12-31, 9999-12-31T00:00:00Z",
            "9999-12-31T23:59:59.999999Z, 9999-12-31T23:59:59.999999Z", "2026-11-24T10:00:00Z, 2026-11-24T10:00:00Z"})
    void aDateInRangeIsRead(String value, String instant) {
        assertThat(MessageSearchQuery.fromQuery(Map.of("q", "x", "from", value)).from()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"١٢", "+5", " 5", "5.0", "1e2", "99999999999999999999", "0", "101"})
    void aLimitIsAsciiDigitsInRange(String limit) {
        assertThat(field(Map.of("q", "x", "limit", limit))).isEqualTo("limit");
    }

    @ParameterizedTest(name = "cursor={0}")
    @ValueSource(strings = {"bzotMQ", "bzrZpQ", "bzorNQ", "bzo5OTk5", "bzoxMDAx", "eDo1", "bzo", "!!"})
    void aSearchCursorIsOneWeIssued(String cursor) {
        // o:-1, o:٥, o:+5, o:9999, o:1001, x:5, o:, not base64
        assertThat(field(Map.of("q", "x", "cursor", cursor))).isEqualTo("cursor");
    }
}
