package com.unifiedbeez.inbox.functions.team;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.assignment.AssignmentRequests;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.ApiRequest;
import com.unifiedbeez.inbox.platform.http.ApiResult;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.platform.page.PageRequest;

/**
 * The team route group: who works on what. The team inbox and workload, assigning, claiming,
 * transferring, auto-assigning and bulk reassigning, a conversation's routing and assignment
 * history, and members' routing profiles. Its own function because all of it runs the assignment
 * engine (settings, the organization's assignment lock, the decision log), which the conversation
 * list's hot path has no need to load.
 */
public final class TeamHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String BASE = "/api/inbox";

    public static final Routes<TeamHandler> ROUTES = Routes.<TeamHandler>builder()
            .get(BASE + "/team/{teamId}", TeamHandler::teamInbox)
            .get(BASE + "/team/{teamId}/workload", TeamHandler::workload)
            .patch(BASE + "/team/{teamId}/members/{userId}", TeamHandler::memberRouting)
            .post(BASE + "/assign", TeamHandler::assign)
            .post(BASE + "/claim", TeamHandler::claim)
            .post(BASE + "/transfer", TeamHandler::transfer)
            .post(BASE + "/auto-assign", TeamHandler::autoAssign)
            .post(BASE + "/reassign-bulk", TeamHandler::reassignBulk)
            .get(BASE + "/conversations/{id}/assignment-history", TeamHandler::history)
            .put(BASE + "/conversations/{id}/routing", TeamHandler::conversationRouting)
            .build();

    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 100;

    private final TeamComponent services;
    final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public TeamHandler() {
        this(DaggerTeamComponent.factory().create(Config.fromEnvironment()));
    }

    public TeamHandler(TeamComponent services) {
        this.services = services;
        this.priming = Priming.register(() -> HttpDispatcher.prime(ROUTES, this,
                Priming.syntheticGet("GET " + BASE + "/team/{teamId}/workload",
                        BASE + "/team/00000000-0000-0000-0000-000000000000/workload"),
                services.callers(), Priming.CALLER), services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpDispatcher.dispatch(ROUTES, this, event, services.callers());
    }

    private ApiResult teamInbox(ApiRequest request) {
        return ApiResult.ok(services.inbox().view(request.caller(), request.pathId("teamId", "team"), request.query(),
                page(request)));
    }

    private ApiResult workload(ApiRequest request) {
        return ApiResult.ok(services.workload().of(request.caller(), request.pathId("teamId", "team")));
    }

    private ApiResult memberRouting(ApiRequest request) {
        return ApiResult.ok(services.members().update(request.caller(), request.pathParameter("teamId"),
                request.pathParameter("userId"), request.body(AssignmentRequests.MemberRouting.class)));
    }

    private ApiResult assign(ApiRequest request) {
        return ApiResult.ok(services.assigner().assign(request.caller(), request.body(AssignmentRequests.Assign.class)));
    }

    private ApiResult claim(ApiRequest request) {
        return ApiResult.ok(services.claimer().claim(request.caller(), request.body(AssignmentRequests.Claim.class)));
    }

    private ApiResult transfer(ApiRequest request) {
        return ApiResult.ok(services.transfer().transfer(request.caller(), request.body(AssignmentRequests.Transfer.class)));
    }

    private ApiResult autoAssign(ApiRequest request) {
        return ApiResult.ok(services.autoAssigner().autoAssign(request.caller(),
                request.body(AssignmentRequests.AutoAssign.class)));
    }

    private ApiResult reassignBulk(ApiRequest request) {
        return ApiResult.ok(services.bulk().reassign(request.caller(), request.body(AssignmentRequests.ReassignBulk.class)));
    }

    private ApiResult history(ApiRequest request) {
        return ApiResult.ok(services.history().of(request.caller(), request.pathId("id", "conversation"), page(request)));
    }

    private ApiResult conversationRouting(ApiRequest request) {
        return ApiResult.ok(services.routing().update(request.caller(), request.pathId("id", "conversation"),
                request.body(AssignmentRequests.ConversationRouting.class)));
    }

    private static PageRequest page(ApiRequest request) {
        return PageRequest.of(request.query().get("limit"), request.query().get("cursor"), DEFAULT_PAGE, MAX_PAGE);
    }
}
