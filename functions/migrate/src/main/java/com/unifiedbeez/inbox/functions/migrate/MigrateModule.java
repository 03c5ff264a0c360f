package com.unifiedbeez.inbox.functions.migrate;

import dagger.Module;
import dagger.Provides;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.inject.Singleton;

/** What the migrate function needs besides the database: an HTTP client for the response PUT. */
@Module
public final class MigrateModule {
    private MigrateModule() {
    }

    @Provides
    @Singleton
    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
