package com.unifiedbeez.inbox.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers, ids and cursors from a query string: ASCII only, and only values SQL can take. */
class QueryValuesTest {
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"١٢", "۵", "٥", "０５", "+5", "-5", " 5", "5 ", "5.0", "1e2", "0x10", "", "5\u0000", "٣٠"})
    void aWholeNumberIsAsciiDigitsOnly(String raw) {
        Validation v = new Validation();
        assertThat(v.wholeNumber("limit", raw, 1, 100, 25)).isNull();
        assertThat(v.ok()).isFalse();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"0", "101", "99999999999", "99999999999999999999999999", "00000000000000000000000000101"})
    void aWholeNumberIsWithinItsBounds(String raw) {
        Validation v = new Validation();
        assertThat(v.wholeNumber("limit", raw, 1, 100, 25)).isNull();
        assertThat(catchThrowableOfType(ApiException.class, v::throwIfInvalid).toProblem("/").errors())
                .extracting(FieldError::message).containsExactly("must be between 1 and 100");
    }

    @Test
    void aWholeNumberInRangeIsRead() {
        Validation v = new Validation();
        assertThat(v.wholeNumber("limit", "7", 1, 100, 25)).isEqualTo(7);
        assertThat(v.wholeNumber("limit", "0000100", 1, 100, 25)).isEqualTo(100);
        assertThat(v.wholeNumber("limit", null, 1, 100, 25)).isEqualTo(25);
        assertThat(v.ok()).isTrue();
    }

    @Test
    void aPageSizeInOtherDigitsIsA422NamingLimit() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> PageRequest.of("١٢", null, 25, 100));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.toProblem("/").errors()).extracting(FieldError::field).containsExactly("limit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"٠٠٠٠٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠٠٠٠٠٠٠٠١", "0000000０-0000-0000-0000-000000000001",
            "+0000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-00000000000g"})
    void anIdIsAsciiHex(String raw) {
        assertThat(Ids.parse(raw)).isEmpty();
    }

    @Test
    void anIdInEitherCaseIsAnId() {
        UUID id = UUID.randomUUID();
        assertThat(Ids.parse(id.toString())).contains(id);
        assertThat(Ids.parse(id.toString().toUpperCase())).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-9223372036854775808|00000000-0000-0000-0000-000000000001",
            "9223372036854775807|00000000-0000-0000-0000-000000000001",
            "253402300800000000|00000000-0000-0000-0000-000000000001",
            "-62135596800000001|00000000-0000-0000-0000-000000000001",
            "٣|00000000-0000-0000-0000-000000000001", "+3|00000000-0000-0000-0000-000000000001",
            "3|٠٠٠٠٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠٠٠٠٠٠٠٠١", "3 |00000000-0000-0000-0000-000000000001", "3|", "|", ""})
    void aCursorOutsideWhatWeIssueIsA422NamingItsParameter(String raw) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        ApiException e = catchThrowableOfType(ApiException.class, () -> Cursor.decode("before", cursor));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.toProblem("/").errors()).extracting(FieldError::field).containsExactly("before");
    }

    @Test
    void cursorsAtTheEdgesOfTheRangeRoundTrip() {
        for (String at : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z"}) {
            Cursor cursor = new Cursor(Instant.parse(at), UUID.randomUUID());
            assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        }
    }
}
