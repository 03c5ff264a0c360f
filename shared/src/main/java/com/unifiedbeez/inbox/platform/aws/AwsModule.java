package com.unifiedbeez.inbox.platform.aws;

import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS SDK clients for the functions that use SQS or S3: one of each per container (component
 * scope), built lazily by Dagger on first use, configured by {@link AwsClients}.
 */
@Module
public final class AwsModule {
    private AwsModule() {
    }

    @Provides
    @Singleton
    static SqsClient sqsClient(Config config) {
        return AwsClients.sqs(config);
    }

    @Provides
    @Singleton
    static S3Client s3Client(Config config) {
        return AwsClients.s3(config);
    }

    @Provides
    @Singleton
    static S3Presigner s3Presigner(Config config) {
        return AwsClients.s3Presigner(config);
    }
}
