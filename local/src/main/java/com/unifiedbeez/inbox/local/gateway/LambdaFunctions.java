package com.unifiedbeez.inbox.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function containers of one local runtime, by function name: the gateway, the SQS pollers and
 * the schedules of a function all invoke the same {@link LambdaFunction}, as they would reach the
 * same Lambda function in AWS.
 */
public final class LambdaFunctions implements AutoCloseable {
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final ClassLoader loader;

    public LambdaFunctions(ClassLoader loader) {
        this.loader = loader;
    }

    public LambdaFunctions() {
        this(Thread.currentThread().getContextClassLoader());
    }

    /** The container of {@code name}, created (not yet initialised) on first request. */
    public synchronized LambdaFunction get(String name, String handler, int memoryMb, int timeoutSeconds) {
        return functions.computeIfAbsent(name, n -> new LambdaFunction(n, handler, memoryMb, timeoutSeconds, loader));
    }

    public synchronized LambdaFunction get(SamTemplate.Function function) {
        return get(function.name(), function.handler(), function.memoryMb(), function.timeoutSeconds());
    }

    public synchronized List<String> names() {
        return List.copyOf(functions.keySet());
    }

    @Override
    public synchronized void close() {
        functions.values().forEach(LambdaFunction::close);
    }
}
