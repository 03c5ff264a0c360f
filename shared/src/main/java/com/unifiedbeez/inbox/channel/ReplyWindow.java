package com.unifiedbeez.inbox.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether an agent may reply free-form now, given when the customer last wrote.
 *
 * <p>{@code replyableUntil} is when the window closes; it is null when the channel has no window,
 * and also when the customer never wrote on a windowed channel (then {@code open} is false).
 * The window is open strictly before {@code replyableUntil}: at exactly 24 h it is closed.
 */
public record ReplyWindow(Instant replyableUntil, boolean requiresTemplate, boolean open) {
    /**
     * WhatsApp customer service window: a user's message starts a 24-hour timer, each new one resets
     * it; once it closes only pre-approved template messages may be sent. Source: Meta, WhatsApp
     * Business Platform "Service messages" (developers.facebook.com/documentation/business-messaging/
     * whatsapp/messages/send-messages).
     */
    static final Duration WHATSAPP_SERVICE_WINDOW = Duration.ofHours(24);

    /**
     * Messenger and Instagram: the standard window is 24 h; a human agent may answer for 7 days after
     * the user's last message with the HUMAN_AGENT tag. Meta has no template to reopen these threads,
     * so after 7 days nothing can be sent. Sources: Meta, "Instagram Messaging – Send a Message"
     * (developers.facebook.com/docs/messenger-platform/instagram/features/send-message: "HUMAN_AGENT
     * tag allows messages to be sent within 7 days after the last user's message") and Messenger
     * Platform "Message Tags" (developers.facebook.com/docs/messenger-platform/send-messages/message-tags).
     */
    static final Duration META_HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    static final Duration META_STANDARD_WINDOW = Duration.ofHours(24);

    private static final ReplyWindow NO_WINDOW = new ReplyWindow(null, false, true);

    public static ReplyWindow of(Channel channel, Instant lastInboundAt, Instant now) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(now, "now");
        return switch (channel) {
            case WHATSAPP -> windowed(lastInboundAt, now, WHATSAPP_SERVICE_WINDOW, true);
            case INSTAGRAM, MESSENGER -> windowed(lastInboundAt, now, META_HUMAN_AGENT_WINDOW, false);
            // Email and SMS have no reply window. A Telegram bot can only write to users who started
            // it, and a contact we hold a Telegram identity for has, so it is always open.
            case EMAIL, TELEGRAM, SMS -> NO_WINDOW;
        };
    }

    /**
     * True when a Messenger/Instagram reply is past the 24 h standard window but inside the 7-day
     * human agent window, so the adapter must send it with {@code tag: HUMAN_AGENT}.
     */
    public static boolean needsHumanAgentTag(Channel channel, Instant lastInboundAt, Instant now) {
        if ((channel != Channel.INSTAGRAM && channel != Channel.MESSENGER) || lastInboundAt == null) {
            return false;
        }
        return of(channel, lastInboundAt, now).open()
                && !now.isBefore(lastInboundAt.plus(META_STANDARD_WINDOW));
    }

    private static ReplyWindow windowed(Instant lastInboundAt, Instant now, Duration length, boolean templateOutside) {
        if (lastInboundAt == null) {
            return new ReplyWindow(null, templateOutside, false);
        }
        Instant until = lastInboundAt.plus(length);
        boolean open = now.isBefore(until);
        return new ReplyWindow(until, templateOutside && !open, open);
    }
}
