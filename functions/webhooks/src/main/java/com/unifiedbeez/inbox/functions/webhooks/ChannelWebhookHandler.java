package com.unifiedbeez.inbox.functions.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.config.Config;

/**
 * A channel's webhook Lambda: each channel is its own function (its own handler class, route,
 * throttling and logs) over one artifact and one component; the subclass only names the channel.
 * Public: the local gateway calls {@code handleRequest} by reflection, which a non-public declaring
 * class would refuse (IllegalAccessException).
 */
public abstract class ChannelWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookFunction function;

    /** Lambda's entry: one component per container, from the environment. */
    protected ChannelWebhookHandler(Channel channel) {
        this(new WebhookFunction(DaggerWebhooksComponent.factory().create(Config.fromEnvironment()), channel));
    }

    protected ChannelWebhookHandler(WebhookFunction function) {
        this.function = function;
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return function.handle(event);
    }
}
