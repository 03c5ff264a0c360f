package com.unifiedbeez.inbox.realtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A race made to happen: the first request matching {@code when} waits until {@code meanwhile}
 * has run (another caller's whole operation, through another client), then goes on. So a test
 * decides exactly which write comes between another's read and its write.
 */
final class Interleave implements ExecutionInterceptor {
    private final Predicate<SdkRequest> when;
    private final Runnable meanwhile;
    private final AtomicBoolean done = new AtomicBoolean();

    Interleave(Predicate<SdkRequest> when, Runnable meanwhile) {
        this.when = when;
        this.meanwhile = meanwhile;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (when.test(context.request()) && done.compareAndSet(false, true)) {
            meanwhile.run();
        }
    }

    boolean happened() {
        return done.get();
    }
}
