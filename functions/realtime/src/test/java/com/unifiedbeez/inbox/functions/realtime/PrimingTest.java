package com.unifiedbeez.inbox.functions.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.LocalDynamo;
import com.unifiedbeez.inbox.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs every path's reads and writes nothing: not a row, not an item. */
class PrimingTest {
    @Test
    void warmingUpChangesNothing() {
        RealtimeComponent services = RealtimeHarness.component();
        DatabaseSnapshot before = DatabaseSnapshot.of(TestDatabase.dataSource());
        int itemsBefore = items();

        RealtimeFunction.warmUp(services);

        assertThat(DatabaseSnapshot.of(TestDatabase.dataSource())).isEqualTo(before);
        assertThat(items()).isEqualTo(itemsBefore);
    }

    private static int items() {
        return LocalDynamo.client().scan(s -> s.tableName(RealtimeHarness.TABLE)).count();
    }
}
