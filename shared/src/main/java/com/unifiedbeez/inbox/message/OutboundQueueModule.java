package com.unifiedbeez.inbox.message;

import dagger.Binds;
import dagger.Module;

/** The outbound queue is SQS (ElasticMQ locally), for every function that enqueues sends. */
@Module
public interface OutboundQueueModule {
    @Binds
    OutboundQueue outboundQueue(SqsOutboundQueue sqs);
}
