package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;
import org.junit.jupiter.api.Nested;

/** Each channel's webhook function held to {@link WebhookFunctionContract} on the real component. */
class WebhookHandlersTest {
    private static WebhookFunction function(Config config, WebhookAdapter adapter) {
        return new WebhookFunction(DaggerWebhooksComponent.factory().create(config), adapter);
    }

    @Nested
    class WhatsApp extends WebhookFunctionContract {
        WhatsApp() {
            super(Channel.WHATSAPP, WhatsAppWebhookHandler.ROUTES,
                    (config, adapter) -> new WhatsAppWebhookHandler(function(config, adapter)));
        }
    }

    @Nested
    class Messenger extends WebhookFunctionContract {
        Messenger() {
            super(Channel.MESSENGER, MessengerWebhookHandler.ROUTES,
                    (config, adapter) -> new MessengerWebhookHandler(function(config, adapter)));
        }
    }

    @Nested
    class Instagram extends WebhookFunctionContract {
        Instagram() {
            super(Channel.INSTAGRAM, InstagramWebhookHandler.ROUTES,
                    (config, adapter) -> new InstagramWebhookHandler(function(config, adapter)));
        }
    }

    @Nested
    class Telegram extends WebhookFunctionContract {
        Telegram() {
            super(Channel.TELEGRAM, TelegramWebhookHandler.ROUTES,
                    (config, adapter) -> new TelegramWebhookHandler(function(config, adapter)));
        }
    }

    @Nested
    class Sms extends WebhookFunctionContract {
        Sms() {
            super(Channel.SMS, SmsWebhookHandler.ROUTES,
                    (config, adapter) -> new SmsWebhookHandler(function(config, adapter)));
        }
    }
}
