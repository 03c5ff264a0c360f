package com.unifiedbeez.inbox.functions.conversations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.TestDatabase;

/** The real conversations handler on the real test database, called as Lambda would call it. */
final class HandlerHarness {
    private static ConversationsHandler handler;

    private HandlerHarness() {
    }

    static synchronized ConversationsHandler handler() {
        if (handler == null) {
            handler = new ConversationsHandler(DaggerConversationsComponent.factory().create(TestDatabase.config()));
        }
        return handler;
    }

    static HttpAnswer call(HttpEvents request) {
        return call(request.build());
    }

    static HttpAnswer call(APIGatewayV2HTTPEvent event) {
        return HttpAnswer.call(handler(), event);
    }
}
