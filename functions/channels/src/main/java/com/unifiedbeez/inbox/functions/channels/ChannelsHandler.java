package com.unifiedbeez.inbox.functions.channels;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.connection.ConnectEmail;
import com.unifiedbeez.inbox.connection.ConnectRequest;
import com.unifiedbeez.inbox.connection.ConnectSms;
import com.unifiedbeez.inbox.connection.ConnectSocial;
import com.unifiedbeez.inbox.connection.ConnectTelegram;
import com.unifiedbeez.inbox.connection.ConnectWhatsApp;
import com.unifiedbeez.inbox.connection.Connected;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.ApiRequest;
import com.unifiedbeez.inbox.platform.http.ApiResult;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;

/**
 * The channels route group: list the organization's connections, connect each platform,
 * disconnect, and check a connection's health. The spec names every route twice, under
 * /api/inbox/channels and /api/channels; both forms share the handlers.
 */
public final class ChannelsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String BASE = "/api/inbox/channels";
    static final String ALIAS = "/api/channels";

    public static final Routes<ChannelsHandler> ROUTES = routes();

    private final ChannelsComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public ChannelsHandler() {
        this(DaggerChannelsComponent.factory().create(Config.fromEnvironment()));
    }

    public ChannelsHandler(ChannelsComponent services) {
        this.services = services;
        this.priming = Priming.register(() -> HttpDispatcher.prime(ROUTES, this, Priming.syntheticGet("GET " + BASE, BASE),
                services.callers(), Priming.CALLER), services.dataSource());
    }

    private static Routes<ChannelsHandler> routes() {
        var builder = Routes.<ChannelsHandler>builder();
        for (String base : new String[] {BASE, ALIAS}) {
            builder.get(base, ChannelsHandler::list)
                    .post(base + "/whatsapp", (h, r) -> h.connect(r, ConnectWhatsApp.class))
                    .post(base + "/email", (h, r) -> h.connect(r, ConnectEmail.class))
                    .post(base + "/social", (h, r) -> h.connect(r, ConnectSocial.class))
                    .post(base + "/telegram", (h, r) -> h.connect(r, ConnectTelegram.class))
                    .post(base + "/sms", (h, r) -> h.connect(r, ConnectSms.class))
                    .delete(base + "/{id}", ChannelsHandler::disconnect)
                    .get(base + "/{id}/health", ChannelsHandler::health);
        }
        return builder.build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpDispatcher.dispatch(ROUTES, this, event, services.callers());
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.connections().list(request.caller()));
    }

    private ApiResult connect(ApiRequest request, Class<? extends ConnectRequest> type) {
        request.caller().requireAdmin(); // before the body is read: an agent learns nothing about the input rules
        Connected connected = services.connector().connect(request.caller(), request.body(type));
        return connected.created() ? ApiResult.created(connected.connection()) : ApiResult.ok(connected.connection());
    }

    private ApiResult disconnect(ApiRequest request) {
        services.connections().disconnect(request.caller(), request.pathId("id", "channel connection"));
        return ApiResult.noContent();
    }

    private ApiResult health(ApiRequest request) {
        return ApiResult.ok(services.health().check(request.caller(), request.pathId("id", "channel connection")));
    }
}
