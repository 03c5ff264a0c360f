package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 clients alone, for the inbound normalizer: {@code AwsModule} also declares the SQS
 * client, which Dagger must resolve, and the normalizer jar carries the S3 SDK only.
 */
@Module
public final class MediaClientModule {
    private MediaClientModule() {
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
