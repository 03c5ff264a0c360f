package com.unifiedbeez.inbox.channel;


/**
 * The connect/health side of a channel adapter: real calls to the platform with the connection's
 * credentials (token valid, number/page/bot/mailbox reachable, webhook registered).
 */
public interface ConnectionProbe {
    Channel channel();

    /** Checks a connection; never throws for a platform answer or a network failure (a failed check says it). */
    HealthReport check(ChannelConnection connection);

    /**
     * Work the platform needs when a connection is made, before it is stored (Telegram: setWebhook
     * with our secret token). Returns the checks it ran; the connection is refused if one fails.
     */
    default HealthReport onConnect(ChannelConnection connection) {
        return check(connection);
    }

    /**
     * Best-effort release at the platform when a live connection is disconnected, called with its
     * decrypted credentials before they are wiped (Telegram: deleteWebhook, so the bot's updates stop
     * coming to us and its owner can use the bot elsewhere). A failure is logged without secrets and
     * never blocks the disconnect. The other channels keep this no-op: Meta webhook subscriptions
     * (WhatsApp, Messenger, Instagram) belong to our app and page, not to one connection, Twilio
     * numbers' webhooks are set by their owner, and a mailbox is polled, not pushed.
     */
    default void onDisconnect(ChannelConnection connection) {
    }
}
