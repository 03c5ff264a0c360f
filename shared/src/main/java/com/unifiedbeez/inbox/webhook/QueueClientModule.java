package com.unifiedbeez.inbox.webhook;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client alone, for the webhook functions: {@code AwsModule} also declares the S3 clients,
 * which Dagger must resolve, and a webhook jar carries the SQS SDK only (cold start).
 */
@Module
public final class QueueClientModule {
    private QueueClientModule() {
    }

    @Provides
    @Singleton
    static SqsClient sqsClient(Config config) {
        return AwsClients.sqs(config);
    }
}
