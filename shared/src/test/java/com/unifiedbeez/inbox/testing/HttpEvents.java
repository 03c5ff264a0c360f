package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;

/**
 * API Gateway HTTP API (payload v2) events as the gateway delivers them after its JWT authorizer
 * (testkit's {@link HttpEventBuilder}), with the caller named as the project names it.
 */
public final class HttpEvents extends HttpEventBuilder<HttpEvents> {
    private HttpEvents(String method, String template) {
        super(method, template);
    }

    public static HttpEvents request(String method, String template) {
        return new HttpEvents(method, template);
    }

    /** The claims this caller's token carries ({@link Fixtures#claims(Caller)}). */
    public HttpEvents as(Caller who) {
        return claims(Fixtures.claims(who));
    }
}
