package com.unifiedbeez.inbox.platform.aws;

import dagger.Module;

/**
 * The AWS SDK clients for functions that use both SQS and S3 (their jar carries both SDKs): Dagger
 * must resolve every binding a module declares, so a function with one SDK includes
 * {@link SqsModule} or {@link S3Module} alone.
 */
@Module(includes = {SqsModule.class, S3Module.class})
public final class AwsModule {
    private AwsModule() {
    }
}
