package com.unifiedbeez.inbox.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.function.Function;

/** A test-only SQS consumer whose answer the test sets ({@link #script}). */
public final class ScriptedSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static volatile Function<SQSEvent, SQSBatchResponse> script = e -> null;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return script.apply(event);
    }
}
