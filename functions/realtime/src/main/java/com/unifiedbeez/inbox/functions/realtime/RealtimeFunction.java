package com.unifiedbeez.inbox.functions.realtime;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.lambda.Priming;

/**
 * What the six handler classes of this jar share: their component, built from the environment by
 * each handler's no-arg constructor (Lambda runs one function per container, so one component per
 * container), and one SnapStart priming for all of them ({@link #warmUp}).
 */
final class RealtimeFunction {
    private RealtimeFunction() {
    }

    static RealtimeComponent fromEnvironment() {
        return DaggerRealtimeComponent.factory().create(Config.fromEnvironment());
    }

    /** Registers the priming; the caller holds the result (CRaC holds resources weakly). */
    static Priming prime(RealtimeComponent services) {
        return Priming.register(() -> warmUp(services), services.dataSource());
    }

    /**
     * Every path's clients and classes, changing nothing: an HTTP route for a caller who is no
     * member (the database says so: 401) and for one of an organization without data (404), a ping from a connection that is not registered (a
     * DynamoDB read: an error frame), an organization's stream position and connections (none).
     */
    static void warmUp(RealtimeComponent services) {
        String path = "/api/inbox/conversations/" + Ids.newId() + "/viewers";
        HttpDispatcher.prime(RealtimeHandler.ROUTES, new RealtimeHandler(services, false),
                Priming.syntheticGet("GET /api/inbox/conversations/{id}/viewers", path), services.callers(),
                Priming.CALLER);
        services.session().act("priming-" + Ids.newId(), "{\"action\":\"ping\"}");
        services.fanout().warmUp(Ids.newId());
    }
}
