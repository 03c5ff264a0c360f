package com.unifiedbeez.inbox.platform.time;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;

/**
 * The clock decisions about "now" read (working hours, the away message's interval): the system's,
 * in UTC. A test component binds a clock of its own instead of this module.
 */
@Module
public final class ClockModule {
    private ClockModule() {
    }

    @Provides
    static Clock clock() {
        return Clock.systemUTC();
    }
}
