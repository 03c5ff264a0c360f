package com.unifiedbeez.inbox.away;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.conversation.ConversationRow;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.MessageSubmitter.CheckedAutomatic;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.settings.AwayMessage;
import com.unifiedbeez.inbox.settings.EffectiveSettings;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sends the away message: a customer writing outside the working hours that govern their
 * conversation (its team's settings, else the organization's) gets the away message, at most once
 * per conversation per {@code intervalMinutes}. Decided in the transaction that stores the
 * customer's message. What every message pays is one query (the settings, found through the
 * conversation); only when a reply is due do the channel's rules run (the same as an agent's text
 * meets: WhatsApp's 24-hour window is open, the customer just wrote), the claim on the conversation
 * (a conditional UPDATE: of concurrent consumers one sends), and the message is stored {@code
 * queued} (sender {@code system}, {@code metadata.automatic = "away"}) and handed to the outbound
 * queue after commit. It never costs the customer's message: a refusal or a failure is logged, and
 * nothing is sent.
 */
@Singleton
public final class AwayReplies {
    private static final Logger LOG = LoggerFactory.getLogger(AwayReplies.class);
    /** {@code metadata.automatic} of an away reply. */
    public static final String KIND = "away";
    /**
     * A message older than this is no customer writing now (a mailbox's backlog read on its first
     * poll, a delivery retried for hours): it gets no away reply.
     */
    static final Duration FRESH = Duration.ofHours(1);
    /**
     * {@code off} stops every away reply of the deployment, settings unread: for a stack that must
     * never answer customers (a staging copy replaying real traffic) or an incident. Default {@code on}.
     */
    public static final String SWITCH = "INBOX_AWAY_REPLIES";

    private final SettingsResolver settings;
    private final ConversationStore conversations;
    private final MessageSubmitter submitter;
    private final Clock clock;
    private final boolean on;

    @Inject
    public AwayReplies(SettingsResolver settings, ConversationStore conversations, MessageSubmitter submitter,
                       Clock clock, Config config) {
        this.settings = settings;
        this.conversations = conversations;
        this.submitter = submitter;
        this.clock = clock;
        String value = config.get(SWITCH).orElse("on");
        if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalStateException(SWITCH + " must be on or off, not " + value);
        }
        this.on = value.equals("on");
    }

    /**
     * After a customer's new message was stored in {@code c}'s transaction: the away reply's id when
     * one was queued. SQL errors of the settings read are the caller's (the transaction is retried);
     * after that, nothing throws.
     */
    public Optional<UUID> afterCustomerMessage(Connection c, UUID organizationId, UUID conversationId, Channel channel,
                                               InboundMessage message) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!on || message.sentAt().isBefore(now.minus(FRESH)) || autoSubmitted(message)) {
            return Optional.empty();
        }
        EffectiveSettings effective = settings.forConversation(c, organizationId, conversationId);
        if (!effective.awayMessageEnabled()) {
            return Optional.empty();
        }
        String text;
        Duration interval;
        try {
            AwayMessage away = effective.awayMessage();
            Optional<String> own = away.textFor(channel);
            if (own.isEmpty() || effective.workingHours().isOpen(now)) {
                return Optional.empty();
            }
            text = own.get();
            interval = Duration.ofMinutes(away.intervalMinutes());
        } catch (RuntimeException e) { // stored settings are validated; a bug here must not cost the message
            LOG.warn("conversation {}: settings unreadable, no away message: {}", conversationId, e.toString());
            return Optional.empty();
        }
        // The reply is written under a savepoint: whatever fails in it is undone alone.
        Savepoint savepoint = c.setSavepoint();
        try {
            Optional<UUID> sent = send(c, organizationId, conversationId, text, interval, now);
            c.releaseSavepoint(savepoint);
            return sent;
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            LOG.warn("conversation {}: away message not sent: {}", conversationId, e.toString());
            return Optional.empty();
        }
    }

    private Optional<UUID> send(Connection c, UUID organizationId, UUID conversationId, String text, Duration interval,
                                Instant now) throws SQLException {
        ConversationRow conversation = conversations.find(c, organizationId, conversationId, false).orElseThrow();
        CheckedAutomatic checked = submitter.checkAutomatic(conversation, text, KIND, now);
        if (!checked.allowed()) {
            LOG.info("conversation {}: the {} channel refuses the away message: {}", conversationId,
                    conversation.channel().wireName(), checked.violations());
            return Optional.empty();
        }
        if (!conversations.claimAwayMessage(c, organizationId, conversationId, now, now.minus(interval))) {
            return Optional.empty(); // one went out within the interval
        }
        return Optional.of(submitter.storeAutomatic(c, conversation, checked, now));
    }

    /** A mail a machine sent (its normalizer marks it, RFC 3834): automatic replies must not answer it. */
    private static boolean autoSubmitted(InboundMessage message) {
        return message.metadata().path("email").path("autoSubmitted").asBoolean(false);
    }
}
