package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.InboundQueue;
import dagger.Binds;
import dagger.Module;

/** The inbound queue is SQS FIFO (ElasticMQ locally). */
@Module
public interface InboundQueueModule {
    @Binds
    InboundQueue inboundQueue(SqsInboundQueue sqs);
}
