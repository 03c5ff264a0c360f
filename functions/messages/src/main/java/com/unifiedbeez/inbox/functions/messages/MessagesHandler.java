package com.unifiedbeez.inbox.functions.messages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.attachment.AttachmentUploads;
import com.unifiedbeez.inbox.attachment.UploadRequest;
import com.unifiedbeez.inbox.message.MessageHistory;
import com.unifiedbeez.inbox.message.MessageSearchQuery;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.ReactRequest;
import com.unifiedbeez.inbox.message.SendRequest;
import com.unifiedbeez.inbox.message.SendTemplateRequest;
import com.unifiedbeez.inbox.message.UpdateStatusRequest;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.http.ApiRequest;
import com.unifiedbeez.inbox.platform.http.ApiResult;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import com.unifiedbeez.inbox.platform.text.Emoji;
import java.util.Map;

/**
 * The messages route group: history, sending (free-form and WhatsApp templates), media uploads,
 * search, delivery status, reactions and deletion.
 */
public final class MessagesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String BASE = "/api/inbox/messages";

    public static final Routes<MessagesHandler> ROUTES = Routes.<MessagesHandler>builder()
            .get(BASE + "/search", MessagesHandler::search)
            .get(BASE + "/{conversationId}", MessagesHandler::history)
            .post(BASE + "/send", MessagesHandler::send)
            .post(BASE + "/send-template", MessagesHandler::sendTemplate)
            .post(BASE + "/upload", MessagesHandler::upload)
            .post(BASE + "/upload/{attachmentId}/complete", MessagesHandler::completeUpload)
            .patch(BASE + "/{id}/status", MessagesHandler::updateStatus)
            .post(BASE + "/{id}/react", MessagesHandler::react)
            .delete(BASE + "/{id}", MessagesHandler::delete)
            .build();

    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final MessagesComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public MessagesHandler() {
        this(DaggerMessagesComponent.factory().create(Config.fromEnvironment()));
    }

    public MessagesHandler(MessagesComponent services) {
        this.services = services;
        this.priming = Priming.register(() -> {
            HttpDispatcher.prime(ROUTES, this, Priming.syntheticGet("GET " + BASE + "/search", BASE + "/search", Map.of("q", "priming")),
                    services.callers(), Priming.CALLER);
            Emoji.warmUp(); // the reaction check's emoji data, so no first react pays for loading it
            AttachmentUploads.warm(); // the file type database, parsed once into the snapshot
        }, services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpDispatcher.dispatch(ROUTES, this, event, services.callers());
    }

    private ApiResult history(ApiRequest request) {
        var before = request.queryParameter("before");
        var after = request.queryParameter("after");
        if (before.isPresent() && after.isPresent()) {
            throw ApiException.invalid("after", "give either before or after, not both");
        }
        int limit = PageRequest.of(request.query().get("limit"), null, MessageHistory.DEFAULT_LIMIT, MessageHistory.MAX_LIMIT).limit();
        MessageHistory.Direction direction = after.isPresent() ? MessageHistory.Direction.AFTER : MessageHistory.Direction.BEFORE;
        Cursor cursor = before.map(c -> Cursor.decode("before", c)).or(() -> after.map(c -> Cursor.decode("after", c))).orElse(null);
        return ApiResult.ok(services.history().page(request.caller(), request.pathId("conversationId", "conversation"),
                direction, cursor, limit, services.uploads().links()));
    }

    private ApiResult send(ApiRequest request) {
        return accepted(services.submitter().send(request.caller(), request.body(SendRequest.class),
                request.header("Idempotency-Key")));
    }

    private ApiResult sendTemplate(ApiRequest request) {
        return accepted(services.submitter().sendTemplate(request.caller(), request.body(SendTemplateRequest.class),
                request.header("Idempotency-Key")));
    }

    /** 202 with the message; a replay of an earlier identical request says so (IETF Idempotency-Key draft). */
    private static ApiResult accepted(MessageSubmitter.Submitted submitted) {
        ApiResult result = ApiResult.accepted(submitted.message());
        return submitted.replayed() ? result.withHeader(IDEMPOTENT_REPLAYED, "true") : result;
    }

    private ApiResult upload(ApiRequest request) {
        return ApiResult.created(services.uploads().start(request.caller(), request.body(UploadRequest.class)));
    }

    private ApiResult completeUpload(ApiRequest request) {
        return ApiResult.ok(services.uploads().complete(request.caller(), request.pathId("attachmentId", "attachment")));
    }

    private ApiResult search(ApiRequest request) {
        return ApiResult.ok(services.search().search(request.caller(), MessageSearchQuery.fromQuery(request.query())));
    }

    private ApiResult updateStatus(ApiRequest request) {
        return ApiResult.ok(services.statusUpdater().update(request.caller(), request.pathId("id", "message"),
                request.body(UpdateStatusRequest.class)));
    }

    private ApiResult react(ApiRequest request) {
        return ApiResult.ok(services.reactions().react(request.caller(), request.pathId("id", "message"),
                request.body(ReactRequest.class)));
    }

    private ApiResult delete(ApiRequest request) {
        services.deleter().delete(request.caller(), request.pathId("id", "message"));
        return ApiResult.noContent();
    }
}
