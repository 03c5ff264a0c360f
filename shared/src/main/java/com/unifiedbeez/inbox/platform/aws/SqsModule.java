package com.unifiedbeez.inbox.platform.aws;

import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client, one per container (component scope), built lazily by Dagger on first use. On its
 * own for functions whose jar carries the SQS SDK only (the webhooks: cold start).
 */
@Module
public final class SqsModule {
    private SqsModule() {
    }

    @Provides
    @Singleton
    static SqsClient sqsClient(Config config) {
        return AwsClients.sqs(config);
    }
}
