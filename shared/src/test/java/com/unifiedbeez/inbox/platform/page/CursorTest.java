package com.unifiedbeez.inbox.platform.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void roundTripsAtMicrosecondPrecision() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-24T10:15:30.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        Cursor beforeEpoch = new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());
        assertThat(Cursor.decode(beforeEpoch.encode())).isEqualTo(beforeEpoch);
    }

    @Test
    void aForgedCursorIsA422() {
        for (String bad : new String[] {"nope", "bm9wZQ", "MTIzfG5vdC1hLXV1aWQ"}) {
            assertThatThrownBy(() -> Cursor.decode(bad))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
        }
    }

    @Test
    void pageSizeIsBounded() {
        assertThat(PageRequest.of(null, null, 25, 100).limit()).isEqualTo(25);
        assertThat(PageRequest.of("100", "", 25, 100).limit()).isEqualTo(100);
        for (String bad : new String[] {"0", "101", "ten", "-1"}) {
            assertThatThrownBy(() -> PageRequest.of(bad, null, 25, 100)).isInstanceOf(ApiException.class);
        }
    }
}
