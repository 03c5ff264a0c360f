package com.unifiedbeez.inbox.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.unifiedbeez.inbox.testkit.LambdaContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One function of the template, run like a Lambda container: the handler class is loaded and
 * instantiated once, through its public no-arg constructor, on the first invocation; a failed init
 * is retried on the next one, as Lambda does. The same instance serves every event source of the
 * function (HTTP routes, SQS, schedules); the handler method is chosen by the event's type.
 */
public final class LambdaFunction implements AutoCloseable {
    /** The handler threw, or could not be built. */
    public static final class FunctionError extends Exception {
        FunctionError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String name;
    private final String className;
    private final String methodName;
    private final int memoryMb;
    private final int timeoutSeconds;
    private final ClassLoader loader;
    private final Map<Class<?>, Method> methods = new ConcurrentHashMap<>();
    private volatile Object instance;

    public LambdaFunction(String name, String handler, int memoryMb, int timeoutSeconds, ClassLoader loader) {
        this.name = name;
        int sep = handler.indexOf("::");
        this.className = sep < 0 ? handler : handler.substring(0, sep);
        this.methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        this.memoryMb = memoryMb;
        this.timeoutSeconds = timeoutSeconds;
        this.loader = loader;
    }

    public String name() {
        return name;
    }

    public boolean initialized() {
        return instance != null;
    }

    /** Invokes the handler with {@code event} and a fresh {@link Context}; returns what it returned. */
    public Object invoke(Object event, String requestId) throws FunctionError {
        Object target = init(event.getClass());
        Method method = method(target.getClass(), event.getClass());
        Context context = LambdaContext.of(name, requestId, memoryMb, timeoutSeconds);
        try {
            return method.getParameterCount() == 2 ? method.invoke(target, event, context) : method.invoke(target, event);
        } catch (InvocationTargetException e) {
            throw new FunctionError(name + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new FunctionError(name + ": cannot call " + method, e);
        }
    }

    private Object init(Class<?> eventType) throws FunctionError {
        Object current = instance;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (instance != null) {
                return instance;
            }
            Class<?> type;
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new FunctionError(name + ": handler class " + className + " is not on the classpath", e);
            }
            method(type, eventType); // no such method: an init error, before the constructor runs
            Object created;
            try {
                Constructor<?> constructor = type.getConstructor();
                created = constructor.newInstance();
            } catch (NoSuchMethodException e) {
                throw new FunctionError(name + ": " + className + " has no public no-arg constructor", e);
            } catch (InvocationTargetException e) {
                throw new FunctionError(name + ": init failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new FunctionError(name + ": cannot instantiate " + className, e);
            }
            instance = created;
            return created;
        }
    }

    private Method method(Class<?> type, Class<?> eventType) throws FunctionError {
        Method cached = methods.get(eventType);
        if (cached != null) {
            return cached;
        }
        Method found = findMethod(type, eventType);
        methods.put(eventType, found);
        return found;
    }

    /** {@code method(event, Context)} or {@code method(event)} taking this event type, the most specific one. */
    private Method findMethod(Class<?> type, Class<?> eventType) throws FunctionError {
        Method found = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(methodName) || m.isBridge() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            boolean eventFirst = params.length >= 1 && params[0].isAssignableFrom(eventType);
            boolean shape = params.length == 1 || (params.length == 2 && params[1].isAssignableFrom(Context.class));
            if (eventFirst && shape && (found == null || params[0] != Object.class)) {
                found = m;
            }
        }
        if (found == null) {
            throw new FunctionError(name + ": " + className + " has no public " + methodName + "("
                    + eventType.getSimpleName() + ", Context)", null);
        }
        return found;
    }

    @Override
    public void close() {
        Object current = instance;
        if (current instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // the container is going away
            }
        }
    }
}
