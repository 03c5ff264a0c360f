package com.unifiedbeez.inbox.event;

import dagger.Binds;
import dagger.Module;

/** Nudges go through SQS (ElasticMQ locally), for every function that writes events. */
@Module
public interface RealtimeNudgeModule {
    @Binds
    RealtimeNudge realtimeNudge(SqsRealtimeNudge sqs);
}
