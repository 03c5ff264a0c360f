package com.unifiedbeez.inbox.functions.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the route's reads and writes nothing. */
class PrimingTest {
    @Test
    void warmingUpChangesNothing() {
        SettingsComponent services = SettingsHarness.component();
        DatabaseSnapshot before = DatabaseSnapshot.of(TestDatabase.dataSource());

        SettingsHandler.warmUp(services, new SettingsHandler(services));

        assertThat(DatabaseSnapshot.of(TestDatabase.dataSource())).isEqualTo(before);
    }
}
