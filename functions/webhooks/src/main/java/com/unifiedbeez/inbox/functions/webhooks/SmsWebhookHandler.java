package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/** Twilio's SMS webhook function ({@link WebhookFunction}). */
public final class SmsWebhookHandler extends ChannelWebhookHandler {
    public static final Routes<SmsWebhookHandler> ROUTES = WebhookRoutes.of("sms");

    public SmsWebhookHandler() {
        super(Channel.SMS);
    }

    public SmsWebhookHandler(WebhookFunction function) {
        super(function);
    }
}
