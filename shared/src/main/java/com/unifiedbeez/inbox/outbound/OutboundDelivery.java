package com.unifiedbeez.inbox.outbound;

import com.unifiedbeez.inbox.channel.ByChannel;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.channel.SendOutcome.Accepted;
import com.unifiedbeez.inbox.channel.SendOutcome.Rejected;
import com.unifiedbeez.inbox.channel.SendOutcome.Retry;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.DeliveryTracker.Lease;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult.RetryLater;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an accepted send to its platform, once: a send that is no longer {@code queued} is
 * done (SQS redelivery, a sweeper re-queue), and a lease taken in its own committed transaction
 * keeps a second consumer from calling the platform while the first one is at it. Sends of a
 * conversation go out in the order they were accepted: older queued ones are delivered first,
 * here, rather than waited for (their own records may sit behind this one in the FIFO group).
 * Transient failures come back as {@link RetryLater} for the queue; the last allowed attempt ends
 * the message {@code failed} instead, so no send is left queued behind a dead-letter queue.
 */
@Singleton
public final class OutboundDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDelivery.class);
    /** A consumer's hold on a send: well beyond one platform call (PlatformHttp: 3 s + 10 s) and its commit. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** Older queued sends delivered ahead of one send; any beyond wait for the next delivery. */
    static final int OLDER_AT_ONCE = 20;
    public static final String PLATFORM_UNAVAILABLE = "platform-unavailable";
    public static final String CHANNEL_DISCONNECTED = "channel-disconnected";
    public static final String CHANNEL_UNSUPPORTED = "channel-unsupported";
    public static final String NO_RECIPIENT = "no-recipient";
    public static final String MESSAGE_DELETED = "message-deleted";
    static final String PLATFORM_REJECTED = "platform-rejected";

    private final Database database;
    private final ConnectionDirectory connections;
    private final Map<Channel, OutgoingSender> senders;
    private final OutboundMessageReader reader;
    private final DeliveryTracker tracker;
    private final MessageStore messages;
    private final DomainEvents events;
    private final RetryPolicy retries;

    @Inject
    public OutboundDelivery(Database database, ConnectionDirectory connections, Set<OutgoingSender> senders,
                            OutboundMessageReader reader, DeliveryTracker tracker, MessageStore messages,
                            DomainEvents events, RetryPolicy retries) {
        this.database = database;
        this.connections = connections;
        this.senders = ByChannel.index(senders, OutgoingSender::channel, "senders");
        this.reader = reader;
        this.tracker = tracker;
        this.messages = messages;
        this.events = events;
        this.retries = retries;
    }

    /** A queued send: what ordering and the rate limits need before the lease is taken. */
    private record Waiting(UUID id, UUID organizationId, UUID conversationId, Instant queuedAt, Channel channel,
                           UUID connectionId) {
        static final String COLUMNS = "m.id, m.organization_id, m.conversation_id, m.queued_at, cv.channel,"
                + " cv.channel_connection_id";

        static Waiting map(ResultSet r) throws SQLException {
            return new Waiting(Sql.uuid(r, "id"), Sql.uuid(r, "organization_id"), Sql.uuid(r, "conversation_id"),
                    Sql.instant(r, "queued_at"), Channel.parse(r.getString("channel")).orElseThrow(),
                    Sql.uuid(r, "channel_connection_id"));
        }
    }

    /** {@link #deliver(OutboundSend, int, RateLimits)} on its own, with no batch around it. */
    public DeliveryResult deliver(OutboundSend send, int receiveCount) {
        return deliver(send, receiveCount, new RateLimits());
    }

    /**
     * Delivers {@code send}, received {@code receiveCount} times from the queue, after the older
     * queued sends of its conversation; {@code limits} carries platform throttling across a batch.
     */
    public DeliveryResult deliver(OutboundSend send, int receiveCount, RateLimits limits) {
        Optional<Waiting> waiting = database.read(c -> Sql.one(c, "SELECT " + Waiting.COLUMNS + """
                 FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
                WHERE m.organization_id = ? AND m.id = ? AND m.direction = 'outbound' AND m.status = 'queued'""",
                Waiting::map, send.organizationId(), send.messageId()));
        if (waiting.isEmpty()) {
            return DeliveryResult.DONE;
        }
        Waiting self = waiting.get();
        List<Waiting> older = database.read(c -> Sql.list(c, "SELECT " + Waiting.COLUMNS + """
                 FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
                WHERE m.organization_id = ? AND m.conversation_id = ? AND m.direction = 'outbound'
                  AND m.status = 'queued' AND (m.queued_at, m.id) < (?, ?)
                ORDER BY m.queued_at, m.id
                LIMIT ?""",
                Waiting::map, self.organizationId(), self.conversationId(), self.queuedAt(), self.id(), OLDER_AT_ONCE));
        for (Waiting earlier : older) {
            // Its attempts are counted on its row; this record's receive count is not its own.
            if (deliverOne(earlier, 0, limits) instanceof RetryLater later) {
                return new RetryLater(later.delay(), "an earlier send of the conversation waits: " + later.reason());
            }
        }
        return deliverOne(self, receiveCount, limits);
    }

    private DeliveryResult deliverOne(Waiting send, int receiveCount, RateLimits limits) {
        if (send.connectionId() != null && !retries.isLast(receiveCount)) {
            Optional<Duration> throttled = limits.wait(send.connectionId());
            if (throttled.isPresent()) {
                return new RetryLater(retries.delay(receiveCount, throttled.get()), "the platform asked to slow down");
            }
        }
        Optional<Lease> claim = database.transaction(c -> tracker.lease(c, send.id(), LEASE.toSeconds()));
        if (claim.isEmpty()) {
            boolean stillQueued = database.read(c -> Sql.one(c, "SELECT status FROM messages WHERE id = ?",
                    r -> r.getString("status"), send.id())).filter("queued"::equals).isPresent();
            return stillQueued
                    ? new RetryLater(retries.delay(Math.max(1, receiveCount), null), "another consumer is sending it")
                    : DeliveryResult.DONE;
        }
        int attempt = Math.max(receiveCount, claim.get().attempts());
        if (claim.get().deleted()) {
            return fail(send, MESSAGE_DELETED, "the message was deleted before it was sent");
        }
        Optional<ChannelConnection> connection = send.connectionId() == null ? Optional.empty()
                : connections.find(send.connectionId());
        if (connection.isEmpty() || "disconnected".equals(connection.get().status())) {
            return fail(send, CHANNEL_DISCONNECTED, "the conversation's " + send.channel().wireName()
                    + " connection is disconnected");
        }
        OutgoingSender sender = senders.get(send.channel());
        if (sender == null) {
            return fail(send, CHANNEL_UNSUPPORTED, "no sender for " + send.channel().wireName());
        }
        Optional<OutboundMessage> message = database.read(c -> reader.read(c, send.organizationId(), send.id()));
        if (message.isEmpty()) {
            return fail(send, NO_RECIPIENT, "the contact has no " + send.channel().wireName() + " identity");
        }
        SendOutcome outcome;
        try {
            outcome = sender.send(connection.get(), message.get());
        } catch (RuntimeException e) {
            // A sender must answer with an outcome; a bug in one is retried, then ends failed, never lost.
            LOG.warn("message {}: the {} sender threw {}", send.id(), send.channel().wireName(), e.getClass().getName());
            outcome = new Retry("the " + send.channel().wireName() + " sender failed: " + e.getClass().getSimpleName(), null);
        }
        if (outcome instanceof Accepted accepted) {
            return sent(send, connection.get(), accepted.externalId());
        }
        if (outcome instanceof Rejected rejected) {
            return fail(send, rejected.code() == null ? PLATFORM_REJECTED : rejected.code(), rejected.reason());
        }
        Retry retry = (Retry) outcome;
        if (retry.retryAfter() != null) {
            limits.pause(connection.get().id(), retry.retryAfter());
        }
        if (retries.isLast(attempt)) {
            return fail(send, PLATFORM_UNAVAILABLE, retry.reason());
        }
        database.transaction(c -> {
            tracker.release(c, send.id());
            return null;
        });
        Duration delay = retries.delay(attempt, retry.retryAfter());
        LOG.info("message {}: attempt {} not taken ({}), again in {} s", send.id(), attempt, retry.reason(),
                delay.toSeconds());
        return new RetryLater(delay, retry.reason());
    }

    /** The payload of {@code message:sent}. */
    private record Sent(MessageView message, UUID conversationId) {
    }

    private DeliveryResult sent(Waiting send, ChannelConnection connection, String externalId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.transaction(c -> {
            tracker.sentAs(c, send.id(), connection.id(), externalId);
            tracker.advance(c, send.id(), MessageStatus.SENT, now, null, null);
            tracker.recorded(c, send.id(), connection.id(), externalId);
            MessageView message = messages.find(c, send.organizationId(), send.id()).orElseThrow();
            events.emit(c, send.organizationId(), send.conversationId(), DomainEvents.MESSAGE_SENT,
                    new Sent(message, send.conversationId()));
            return null;
        });
        LOG.info("message {}: sent on {} as {}", send.id(), send.channel().wireName(), externalId);
        return DeliveryResult.DONE;
    }

    private DeliveryResult fail(Waiting send, String code, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.transaction(c -> tracker.advance(c, send.id(), MessageStatus.FAILED, now, code, reason));
        LOG.info("message {}: failed on {}: {} {}", send.id(), send.channel().wireName(), code, reason);
        return DeliveryResult.DONE;
    }
}
