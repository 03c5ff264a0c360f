package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.event.EventReplay;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.http.ApiRequest;
import com.unifiedbeez.inbox.platform.http.ApiResult;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.realtime.SetStatusRequest;
import com.unifiedbeez.inbox.realtime.TypingRequest;
import java.util.UUID;

/**
 * The realtime route group over HTTP: catching up on the event stream, presence, viewers and the
 * typing fallback. Each route maps the request, calls one service method and returns its result.
 */
public final class RealtimeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Routes<RealtimeHandler> ROUTES = Routes.<RealtimeHandler>builder()
            .get("/api/inbox/events", RealtimeHandler::events)
            .put("/api/users/{id}/status", RealtimeHandler::setStatus)
            .get("/api/inbox/team/{teamId}/presence", RealtimeHandler::teamPresence)
            .get("/api/inbox/conversations/{id}/viewers", RealtimeHandler::viewers)
            .post("/api/inbox/typing", RealtimeHandler::typing)
            .build();

    private final RealtimeComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public RealtimeHandler() {
        this(RealtimeFunction.fromEnvironment());
    }

    public RealtimeHandler(RealtimeComponent services) {
        this(services, true);
    }

    /** Unprimed: the one the priming itself dispatches to. */
    RealtimeHandler(RealtimeComponent services, boolean primed) {
        this.services = services;
        this.priming = primed ? RealtimeFunction.prime(services) : null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpDispatcher.dispatch(ROUTES, this, event, services.callers());
    }

    private ApiResult events(ApiRequest request) {
        Validation v = new Validation();
        String sinceText = request.queryParameter("since").orElse(null);
        Long since = v.wholeLong("since", sinceText, 0, Long.MAX_VALUE / 2, null);
        if (sinceText == null) {
            v.add("since", "is required (the last seq the client has; 0 for the beginning)");
        }
        Integer limit = v.wholeNumber("limit", request.queryParameter("limit").orElse(null), 1, EventReplay.MAX_LIMIT,
                EventReplay.DEFAULT_LIMIT);
        UUID epoch = request.queryParameter("epoch").map(e -> Ids.parse(e).orElseGet(() -> {
            v.add("epoch", "must be the stream's epoch (a UUID)");
            return null;
        })).orElse(null);
        v.throwIfInvalid();
        return ApiResult.ok(services.replay().since(request.caller(), since, epoch, limit));
    }

    private ApiResult setStatus(ApiRequest request) {
        return ApiResult.ok(services.statuses().set(request.caller(), request.pathParameter("id"),
                request.body(SetStatusRequest.class)));
    }

    private ApiResult teamPresence(ApiRequest request) {
        return ApiResult.ok(services.teamPresence().of(request.caller(), request.pathId("teamId", "team")));
    }

    private ApiResult viewers(ApiRequest request) {
        return ApiResult.ok(services.watch().viewers(request.caller(), request.pathId("id", "conversation")));
    }

    private ApiResult typing(ApiRequest request) {
        services.watch().typing(request.caller(), request.body(TypingRequest.class));
        return ApiResult.noContent();
    }
}
