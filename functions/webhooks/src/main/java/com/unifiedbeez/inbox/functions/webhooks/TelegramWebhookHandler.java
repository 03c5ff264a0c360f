package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/** Telegram's webhook function ({@link WebhookFunction}). */
public final class TelegramWebhookHandler extends ChannelWebhookHandler {
    public static final Routes<TelegramWebhookHandler> ROUTES = WebhookRoutes.of("telegram");

    public TelegramWebhookHandler() {
        super(Channel.TELEGRAM);
    }

    public TelegramWebhookHandler(WebhookFunction function) {
        super(function);
    }
}
