package com.unifiedbeez.inbox.platform.aws;

import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner, one of each per container (component scope), built lazily by Dagger
 * on first use. On its own for functions whose jar carries the S3 SDK only (the inbound normalizer).
 */
@Module
public final class S3Module {
    private S3Module() {
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
