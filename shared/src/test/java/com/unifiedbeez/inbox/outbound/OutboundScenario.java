package com.unifiedbeez.inbox.outbound;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * The "given" of a delivery test: an organization with a live connection on a channel (its
 * access token encrypted as the channels API stores it), a customer with an identity there, an
 * open conversation on that connection, and sends accepted into it ({@code queued}, handed to the
 * queue).
 */
public final class OutboundScenario {
    public static final String ACCESS_TOKEN = "test-access-token-1";

    public final Fixtures fx = Fixtures.onTestDatabase();
    public final Channel channel;
    public final String customer;
    public final UUID org;
    public final Caller agent;
    public final UUID connection;
    public final UUID contact;
    public final UUID conversation;

    public OutboundScenario(Channel channel, String customer) {
        this.channel = channel;
        this.customer = customer;
        this.org = fx.organization("Acme");
        this.agent = fx.user(org, "Sam", Role.AGENT);
        this.connection = fx.channelConnection(org, channel, channel.wireName() + "-" + Ids.newId(), "{}",
                Map.of("accessToken", ACCESS_TOKEN));
        this.contact = fx.contact(org, "Ada Customer", channel.wireName(), customer);
        this.conversation = conversation(contact);
    }

    /** Another open conversation on the same connection, with a customer of its own. */
    public UUID conversation(UUID contactId) {
        UUID id = fx.conversation(org, contactId, channel.wireName(),
                ConversationSpec.open(Instant.now().minus(1, ChronoUnit.HOURS)));
        fx.exec("UPDATE conversations SET channel_connection_id = ? WHERE id = ?", connection, id);
        return id;
    }

    /** A text send accepted now into the scenario's conversation. */
    public UUID queued(String text) {
        return queued(conversation, text, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** A text send accepted at {@code at} into {@code conversationId}, as MessageSubmitter stores it. */
    public UUID queued(UUID conversationId, String text, Instant at) {
        UUID id = Ids.newId();
        fx.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      sender_user_id, message_type, content, status, queued_at, enqueued_at,
                                      platform_timestamp, created_at)
                VALUES (?, ?, ?, ?, 'outbound', 'user', ?, 'text', ?, 'queued', ?, ?, ?, ?)""",
                id, org, conversationId, connection, agent.userId(), text, at, at, at, at);
        return id;
    }

    public OutboundSend send(UUID messageId) {
        return new OutboundSend(messageId, org, UUID.fromString(
                fx.one("SELECT conversation_id::text FROM messages WHERE id = ?", messageId)));
    }

    /** A column of a message as text; null when it is null. */
    public String column(UUID messageId, String column) {
        String value = fx.one("SELECT coalesce(" + column + "::text, '(null)') FROM messages WHERE id = ?", messageId);
        return "(null)".equals(value) ? null : value;
    }

    public String status(UUID messageId) {
        return column(messageId, "status");
    }
}
