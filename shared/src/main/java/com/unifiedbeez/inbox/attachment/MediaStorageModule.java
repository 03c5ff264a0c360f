package com.unifiedbeez.inbox.attachment;

import dagger.Binds;
import dagger.Module;

/** Media lives in S3 (S3Proxy locally). */
@Module
public interface MediaStorageModule {
    @Binds
    MediaStorage mediaStorage(S3MediaStorage s3);
}
