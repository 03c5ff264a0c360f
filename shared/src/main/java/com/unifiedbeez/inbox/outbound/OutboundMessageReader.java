package com.unifiedbeez.inbox.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.channel.OutboundMessage.Thread;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads a stored send as the unified {@link OutboundMessage} a channel sender takes: the row's
 * content, the customer's identity on the conversation's channel, the attachments as presigned
 * links, for email the thread it continues, and when the customer last wrote (Meta's reply rules).
 */
@Singleton
public final class OutboundMessageReader {
    /** Long enough for a platform to fetch the media (Meta and Twilio fetch within minutes). */
    static final Duration MEDIA_LINK_TTL = Duration.ofHours(1);
    /** References keeps the thread's first Message-ID and its latest ones (RFC 5322 3.6.4 allows trimming). */
    static final int MAX_REFERENCES = 20;

    private final MediaStorage media;

    @Inject
    public OutboundMessageReader(MediaStorage media) {
        this.media = media;
    }

    private record Row(UUID conversationId, MessageType type, String content, String metadata, UUID contactId,
                       Channel channel, UUID connectionId, String subject, Instant lastInboundAt) {
    }

    /** The message to send; empty when the contact has no identity on the conversation's channel. */
    public Optional<OutboundMessage> read(Connection c, UUID organizationId, UUID messageId) throws SQLException {
        Row row = Sql.one(c, """
                SELECT m.conversation_id, m.message_type, m.content, m.metadata, cv.contact_id, cv.channel,
                       cv.channel_connection_id, cv.subject, cv.last_inbound_at
                  FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
                 WHERE m.organization_id = ? AND m.id = ?""",
                r -> new Row(Sql.uuid(r, "conversation_id"),
                        MessageType.parse(r.getString("message_type")).orElseThrow(), r.getString("content"),
                        r.getString("metadata"), Sql.uuid(r, "contact_id"),
                        Channel.parse(r.getString("channel")).orElseThrow(), Sql.uuid(r, "channel_connection_id"),
                        r.getString("subject"), Sql.instant(r, "last_inbound_at")),
                organizationId, messageId).orElseThrow(() -> new IllegalStateException("no message " + messageId));
        Optional<Recipient> to = recipient(c, organizationId, row);
        if (to.isEmpty()) {
            return Optional.empty();
        }
        Thread thread = row.channel() == Channel.EMAIL
                ? thread(c, organizationId, row.conversationId(), row.subject()) : null;
        return Optional.of(new OutboundMessage(messageId, row.conversationId(), row.type(), row.content(),
                metadata(row.metadata()), to.get(), media(c, organizationId, messageId), thread,
                row.lastInboundAt()));
    }

    /** The identity made on this connection first, else the contact's newest one on the channel. */
    private static Optional<Recipient> recipient(Connection c, UUID organizationId, Row row) throws SQLException {
        return Sql.one(c, """
                SELECT ci.identifier, coalesce(ci.display_name, ct.name) AS display_name
                  FROM contact_identities ci JOIN contacts ct ON ct.id = ci.contact_id
                 WHERE ci.organization_id = ? AND ci.contact_id = ? AND ci.channel = ?
                 ORDER BY (ci.channel_connection_id IS NOT DISTINCT FROM ?::uuid) DESC, ci.created_at DESC, ci.id
                 LIMIT 1""",
                r -> new Recipient(r.getString("identifier"), r.getString("display_name")),
                organizationId, row.contactId(), row.channel(), row.connectionId());
    }

    private List<Media> media(Connection c, UUID organizationId, UUID messageId) throws SQLException {
        return Sql.list(c, """
                SELECT s3_key, content_type, file_name, coalesce(size_bytes, declared_size) AS size_bytes
                  FROM attachments
                 WHERE organization_id = ? AND message_id = ? AND status = 'uploaded'
                 ORDER BY created_at, id""",
                r -> new Media(media.presignGet(r.getString("s3_key"), MEDIA_LINK_TTL), r.getString("s3_key"),
                        r.getString("content_type"), r.getString("file_name"), r.getLong("size_bytes")),
                organizationId, messageId);
    }

    /** In-Reply-To: the customer's latest mail; References: the thread's Message-IDs, oldest first. */
    private static Thread thread(Connection c, UUID organizationId, UUID conversationId, String subject)
            throws SQLException {
        String inReplyTo = Sql.one(c, """
                SELECT external_id FROM messages
                 WHERE organization_id = ? AND conversation_id = ? AND direction = 'inbound' AND external_id IS NOT NULL
                 ORDER BY platform_timestamp DESC, id DESC LIMIT 1""",
                r -> r.getString("external_id"), organizationId, conversationId).orElse(null);
        List<String> references = Sql.list(c, """
                SELECT external_id FROM (
                    (SELECT external_id, platform_timestamp, id FROM messages
                      WHERE organization_id = ? AND conversation_id = ? AND external_id IS NOT NULL
                      ORDER BY platform_timestamp, id LIMIT 1)
                    UNION
                    (SELECT external_id, platform_timestamp, id FROM messages
                      WHERE organization_id = ? AND conversation_id = ? AND external_id IS NOT NULL
                      ORDER BY platform_timestamp DESC, id DESC LIMIT ?)
                ) thread ORDER BY platform_timestamp, id""",
                r -> r.getString("external_id"), organizationId, conversationId, organizationId, conversationId,
                MAX_REFERENCES - 1);
        return new Thread(subject, inReplyTo, references);
    }

    private static ObjectNode metadata(String json) {
        try {
            JsonNode node = json == null ? null : Json.mapper().readTree(json);
            return node instanceof ObjectNode object ? object : Json.mapper().createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("messages.metadata is not JSON", e);
        }
    }
}
