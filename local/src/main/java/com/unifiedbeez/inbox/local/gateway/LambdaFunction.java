package com.unifiedbeez.inbox.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One function of the template, run like a Lambda container: the handler class is loaded and
 * instantiated once, through its public no-arg constructor, on the first request; a failed init
 * is retried on the next request, as Lambda does.
 */
final class LambdaFunction implements AutoCloseable {
    /** The handler threw, or could not be built: API Gateway answers 500. */
    static final class FunctionError extends Exception {
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
    private volatile Object instance;
    private volatile Method method;

    LambdaFunction(String name, String handler, int memoryMb, int timeoutSeconds, ClassLoader loader) {
        this.name = name;
        int sep = handler.indexOf("::");
        this.className = sep < 0 ? handler : handler.substring(0, sep);
        this.methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        this.memoryMb = memoryMb;
        this.timeoutSeconds = timeoutSeconds;
        this.loader = loader;
    }

    String name() {
        return name;
    }

    boolean initialized() {
        return instance != null;
    }

    Object invoke(APIGatewayV2HTTPEvent event, String requestId) throws FunctionError {
        init();
        Context context = new LambdaContext(name, requestId, memoryMb, timeoutSeconds);
        try {
            return method.getParameterCount() == 2 ? method.invoke(instance, event, context) : method.invoke(instance, event);
        } catch (InvocationTargetException e) {
            throw new FunctionError(name + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new FunctionError(name + ": cannot call " + method, e);
        }
    }

    private void init() throws FunctionError {
        if (instance != null) {
            return;
        }
        synchronized (this) {
            if (instance != null) {
                return;
            }
            Class<?> type;
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new FunctionError(name + ": handler class " + className + " is not on the classpath", e);
            }
            Method handlerMethod = findMethod(type);
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
            method = handlerMethod;
            instance = created;
        }
    }

    /** {@code method(event, Context)} or {@code method(event)} taking an HTTP API v2 event. */
    private Method findMethod(Class<?> type) throws FunctionError {
        Method found = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(methodName) || m.isBridge() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            boolean eventFirst = params.length >= 1 && params[0].isAssignableFrom(APIGatewayV2HTTPEvent.class);
            boolean shape = params.length == 1 || (params.length == 2 && params[1].isAssignableFrom(Context.class));
            if (eventFirst && shape && (found == null || params[0] != Object.class)) {
                found = m;
            }
        }
        if (found == null) {
            throw new FunctionError(name + ": " + className + " has no public " + methodName
                    + "(APIGatewayV2HTTPEvent, Context)", null);
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
