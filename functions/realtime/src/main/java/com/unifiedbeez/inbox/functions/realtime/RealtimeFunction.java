package com.unifiedbeez.inbox.functions.realtime;

import com.unifiedbeez.inbox.platform.config.Config;

/**
 * One component per container, shared by whichever handler class the function names: the
 * WebSocket routes, the fan-out, the sweep and the HTTP routes are separate functions of one jar.
 */
final class RealtimeFunction {
    private static volatile RealtimeComponent component;

    private RealtimeFunction() {
    }

    static RealtimeComponent component() {
        if (component == null) {
            synchronized (RealtimeFunction.class) {
                if (component == null) {
                    component = DaggerRealtimeComponent.factory().create(Config.fromEnvironment());
                }
            }
        }
        return component;
    }
}
