package com.unifiedbeez.inbox.functions.webhooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.platform.lambda.Priming;

/**
 * What each channel's webhook handler does (public, no JWT: the platform's signature authenticates
 * it): verify, queue, answer 200 in milliseconds. Normalization happens behind the inbound queue.
 */
public final class WebhookFunction {
    private final WebhooksComponent services;
    private final WebhookAdapter adapter;
    private final Priming priming; // held so the CRaC context keeps it

    /** The channel's own adapter from the component. */
    public WebhookFunction(WebhooksComponent services, Channel channel) {
        this(services, services.adapters().get(channel).get());
    }

    /** Any adapter in the channel's place (the tests' stand-in platform). */
    public WebhookFunction(WebhooksComponent services, WebhookAdapter adapter) {
        this.services = services;
        this.adapter = adapter;
        String path = "/api/webhooks/" + adapter.channel().wireName();
        // A handshake without parameters: the refusal path warms Jackson and the intake, touches no database or queue.
        this.priming = Priming.register(() -> handle(Priming.syntheticGet("GET " + path, path)), services.dataSource());
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return services.webhooks().handle(event, adapter);
    }
}
