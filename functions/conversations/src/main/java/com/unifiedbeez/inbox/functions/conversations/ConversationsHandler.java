package com.unifiedbeez.inbox.functions.conversations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.conversation.AssignRequest;
import com.unifiedbeez.inbox.conversation.BulkAssignRequest;
import com.unifiedbeez.inbox.conversation.ChangeStatusRequest;
import com.unifiedbeez.inbox.conversation.ConversationFilter;
import com.unifiedbeez.inbox.conversation.CreateConversationRequest;
import com.unifiedbeez.inbox.conversation.InboxView;
import com.unifiedbeez.inbox.conversation.SearchTerms;
import com.unifiedbeez.inbox.label.ApplyLabelsRequest;
import com.unifiedbeez.inbox.label.BulkLabelRequest;
import com.unifiedbeez.inbox.note.AddNoteRequest;
import com.unifiedbeez.inbox.note.ConversationNoteRequest;
import com.unifiedbeez.inbox.note.MentionFilter;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.ApiRequest;
import com.unifiedbeez.inbox.platform.http.ApiResult;
import com.unifiedbeez.inbox.platform.http.HttpDispatcher;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.platform.page.PageRequest;

/**
 * The conversations route group: the inbox views, one conversation, what agents do to it, and the
 * team's private notes with the caller's @mentions.
 * Each route maps the request, calls one service method and returns its result.
 */
public final class ConversationsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String BASE = "/api/inbox/conversations";
    static final String NOTES = "/api/inbox/notes";
    static final String MENTIONS = "/api/inbox/mentions";

    public static final Routes<ConversationsHandler> ROUTES = Routes.<ConversationsHandler>builder()
            .get(BASE, ConversationsHandler::list)
            .post(BASE, ConversationsHandler::create)
            .get(BASE + "/search", ConversationsHandler::search)
            .post(BASE + "/bulk-assign", ConversationsHandler::bulkAssign)
            .post(BASE + "/bulk-label", ConversationsHandler::bulkLabel)
            .get(BASE + "/{id}", ConversationsHandler::get)
            .patch(BASE + "/{id}/assign", ConversationsHandler::assign)
            .patch(BASE + "/{id}/status", ConversationsHandler::changeStatus)
            .post(BASE + "/{id}/labels", ConversationsHandler::addLabels)
            .delete(BASE + "/{id}/labels/{labelId}", ConversationsHandler::removeLabel)
            .post(BASE + "/{id}/notes", ConversationsHandler::addNote)
            .get(BASE + "/{id}/notes", ConversationsHandler::listNotes)
            .patch(BASE + "/{id}/read", ConversationsHandler::markRead)
            .post(NOTES, ConversationsHandler::postNote)
            .delete(NOTES + "/{id}", ConversationsHandler::deleteNote)
            .get(MENTIONS, ConversationsHandler::listMentions)
            .patch(MENTIONS + "/{noteId}/read", ConversationsHandler::markMentionRead)
            .post(MENTIONS + "/read-all", ConversationsHandler::markAllMentionsRead)
            .build();

    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 100;

    private final ConversationsComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public ConversationsHandler() {
        this(DaggerConversationsComponent.factory().create(Config.fromEnvironment()));
    }

    public ConversationsHandler(ConversationsComponent services) {
        this.services = services;
        this.priming = Priming.register(
                () -> HttpDispatcher.prime(ROUTES, this, Priming.syntheticGet("GET " + BASE, BASE), services.callers(),
                        Priming.CALLER), services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpDispatcher.dispatch(ROUTES, this, event, services.callers());
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.inbox().view(request.caller(),
                ConversationFilter.fromQuery(request.query(), request.caller(), InboxView.ALL), page(request)));
    }

    private ApiResult search(ApiRequest request) {
        SearchTerms terms = SearchTerms.parse(request.query().get("q"));
        return ApiResult.ok(services.inbox().search(request.caller(), terms,
                ConversationFilter.fromQuery(request.query(), request.caller(), InboxView.ALL), page(request)));
    }

    private ApiResult get(ApiRequest request) {
        return ApiResult.ok(services.details().get(request.caller(), request.pathId("id", "conversation")));
    }

    private ApiResult create(ApiRequest request) {
        return ApiResult.created(services.creator().create(request.caller(), request.body(CreateConversationRequest.class)));
    }

    private ApiResult assign(ApiRequest request) {
        return ApiResult.ok(services.assigner().assign(request.caller(), request.pathId("id", "conversation"),
                request.body(AssignRequest.class)));
    }

    private ApiResult changeStatus(ApiRequest request) {
        return ApiResult.ok(services.statusChanger().change(request.caller(), request.pathId("id", "conversation"),
                request.body(ChangeStatusRequest.class)));
    }

    private ApiResult addLabels(ApiRequest request) {
        return ApiResult.ok(services.labeler().apply(request.caller(), request.pathId("id", "conversation"),
                request.body(ApplyLabelsRequest.class)));
    }

    private ApiResult removeLabel(ApiRequest request) {
        services.labeler().remove(request.caller(), request.pathId("id", "conversation"), request.pathId("labelId", "label"));
        return ApiResult.noContent();
    }

    private ApiResult addNote(ApiRequest request) {
        return ApiResult.created(services.notes().add(request.caller(), request.pathId("id", "conversation"),
                request.body(AddNoteRequest.class)));
    }

    private ApiResult listNotes(ApiRequest request) {
        return ApiResult.ok(services.notes().page(request.caller(), request.pathId("id", "conversation"), page(request)));
    }

    private ApiResult postNote(ApiRequest request) {
        return ApiResult.created(services.notes().add(request.caller(), request.body(ConversationNoteRequest.class)));
    }

    private ApiResult deleteNote(ApiRequest request) {
        services.noteDeleter().delete(request.caller(), request.pathId("id", "note"));
        return ApiResult.noContent();
    }

    private ApiResult listMentions(ApiRequest request) {
        return ApiResult.ok(services.mentions().page(request.caller(), MentionFilter.fromQuery(request.query()),
                page(request)));
    }

    private ApiResult markMentionRead(ApiRequest request) {
        return ApiResult.ok(services.mentions().markRead(request.caller(), request.pathId("noteId", "mention of note")));
    }

    private ApiResult markAllMentionsRead(ApiRequest request) {
        return ApiResult.ok(services.mentions().markAllRead(request.caller()));
    }

    private ApiResult markRead(ApiRequest request) {
        return ApiResult.ok(services.readMarker().markRead(request.caller(), request.pathId("id", "conversation")));
    }

    private ApiResult bulkAssign(ApiRequest request) {
        return ApiResult.ok(services.assigner().bulkAssign(request.caller(), request.body(BulkAssignRequest.class)));
    }

    private ApiResult bulkLabel(ApiRequest request) {
        return ApiResult.ok(services.labeler().bulkApply(request.caller(), request.body(BulkLabelRequest.class)));
    }

    private static PageRequest page(ApiRequest request) {
        return PageRequest.of(request.query().get("limit"), request.query().get("cursor"), DEFAULT_PAGE, MAX_PAGE);
    }
}
