package com.unifiedbeez.inbox.functions.realtime;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.lambda.Priming;

/**
 * One component per container, shared by whichever handler class the function names: the
 * WebSocket routes, the fan-out, the sweep and the HTTP routes are separate functions of one jar,
 * and each is primed for SnapStart the same way ({@link #warmUp}).
 */
final class RealtimeFunction {
    private static volatile RealtimeComponent component;
    private static Priming priming; // held so the CRaC context keeps it

    private RealtimeFunction() {
    }

    static RealtimeComponent component() {
        if (component == null) {
            synchronized (RealtimeFunction.class) {
                if (component == null) {
                    RealtimeComponent built = DaggerRealtimeComponent.factory().create(Config.fromEnvironment());
                    priming = Priming.register(() -> warmUp(built), built.dataSource());
                    component = built;
                }
            }
        }
        return component;
    }

    /**
     * Every path's clients and classes, changing nothing: an HTTP route for a caller who is no
     * member (the database says so: 401) and for one of an organization without data (404), a ping from a connection that is not registered (a
     * DynamoDB read: an error frame), an organization's stream position and connections (none).
     */
    static void warmUp(RealtimeComponent services) {
        String path = "/api/inbox/conversations/" + Ids.newId() + "/viewers";
        HttpDispatcher.prime(RealtimeHandler.ROUTES, new RealtimeHandler(services),
                Priming.syntheticGet("GET /api/inbox/conversations/{id}/viewers", path), services.callers(),
                Priming.CALLER);
        services.session().act("priming-" + Ids.newId(), "{\"action\":\"ping\"}");
        services.fanout().warmUp(Ids.newId());
    }
}
