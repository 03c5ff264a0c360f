package com.unifiedbeez.inbox.functions.settings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.http.ApiRequest;
import com.unifiedbeez.inbox.platform.http.ApiResult;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.settings.ImportSettingsRequest;
import com.unifiedbeez.inbox.settings.ResetSettingsRequest;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.settings.SettingsDefaults;
import com.unifiedbeez.inbox.settings.SettingsSchema;
import com.unifiedbeez.inbox.settings.SettingsWriter;
import java.util.Map;
import java.util.UUID;

/**
 * The settings route group: the caller's own level, the organization's and a team's (each as
 * stored, or resolved with provenance with {@code effective=true}), reset, export and import.
 */
public final class SettingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String BASE = "/api/inbox/settings";

    public static final Routes<SettingsHandler> ROUTES = Routes.<SettingsHandler>builder()
            .get(BASE, (h, r) -> h.read(r, SettingScope.USER, null))
            .put(BASE, (h, r) -> h.write(r, SettingScope.USER, null))
            .get(BASE + "/organization", (h, r) -> h.read(r, SettingScope.ORGANIZATION, null))
            .put(BASE + "/organization", (h, r) -> h.write(r, SettingScope.ORGANIZATION, null))
            .get(BASE + "/team/{teamId}", (h, r) -> h.read(r, SettingScope.TEAM, r.pathId("teamId", "team")))
            .put(BASE + "/team/{teamId}", (h, r) -> h.write(r, SettingScope.TEAM, r.pathId("teamId", "team")))
            .post(BASE + "/reset", SettingsHandler::reset)
            .get(BASE + "/export", SettingsHandler::export)
            .post(BASE + "/import", SettingsHandler::importSettings)
            .build();

    private final SettingsComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public SettingsHandler() {
        this(DaggerSettingsComponent.factory().create(Config.fromEnvironment()));
    }

    public SettingsHandler(SettingsComponent services) {
        this.services = services;
        this.priming = Priming.register(() -> warmUp(services, this), services.dataSource());
    }

    /**
     * SnapStart priming, changing nothing: the effective settings of a caller who is no member (401),
     * then of one of an organization without data (the resolver's query and JSON), and the schema's
     * validator on the defaults (its classes and the schema document).
     */
    static void warmUp(SettingsComponent services, SettingsHandler handler) {
        HttpDispatcher.prime(ROUTES, handler, Priming.syntheticGet("GET " + BASE, BASE, Map.of("effective", "true")),
                services.callers(), Priming.CALLER);
        SettingsSchema.validate(SettingsDefaults.values());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpDispatcher.dispatch(ROUTES, this, event, services.callers());
    }

    private ApiResult read(ApiRequest request, SettingScope scope, UUID teamId) {
        boolean effective = flag(request, "effective");
        return ApiResult.ok(effective ? services.reader().effective(request.caller(), scope, teamId)
                : services.reader().level(request.caller(), scope, teamId));
    }

    private ApiResult write(ApiRequest request, SettingScope scope, UUID teamId) {
        SettingsWriter.checkSize(request.body());
        return ApiResult.ok(services.writer().put(request.caller(), scope, teamId, request.body(ObjectNode.class)));
    }

    private ApiResult reset(ApiRequest request) {
        SettingsWriter.checkSize(request.body());
        return ApiResult.ok(services.writer().reset(request.caller(), request.body(ResetSettingsRequest.class)));
    }

    private ApiResult export(ApiRequest request) {
        SettingScope scope = SettingScope.required(
                request.queryParameter("scope").orElse(SettingScope.USER.wireName()), "scope");
        UUID teamId = scope.teamId(request.queryParameter("scopeId").orElse(null), "scopeId");
        return ApiResult.ok(services.reader().export(request.caller(), scope, teamId));
    }

    private ApiResult importSettings(ApiRequest request) {
        SettingsWriter.checkSize(request.body());
        return ApiResult.ok(services.writer().importSettings(request.caller(),
                request.body(ImportSettingsRequest.class)));
    }

    /** A boolean query flag: absent or {@code false} is off, {@code true} on, anything else 422. */
    private static boolean flag(ApiRequest request, String name) {
        return request.queryParameter(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "must be true or false");
        }).orElse(false);
    }
}
