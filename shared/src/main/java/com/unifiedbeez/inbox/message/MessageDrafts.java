package com.unifiedbeez.inbox.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConstraints;
import com.unifiedbeez.inbox.channel.ConstraintViolation;
import com.unifiedbeez.inbox.channel.ConstraintViolations;
import com.unifiedbeez.inbox.channel.MediaRules;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutgoingMessage;
import com.unifiedbeez.inbox.channel.SmsSegments;
import com.unifiedbeez.inbox.conversation.ConversationRow;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.Signature;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Turns a send request into a draft the channel accepts, or says which of its rules it breaks. An
 * agent's free send carries the agent's effective signature where it applies; templates and the
 * inbox's automatic messages carry none.
 */
@Singleton
public final class MessageDrafts {
    /** What POST /messages/send may name: text or media (templates have their own route). */
    static final Set<MessageType> SENDABLE_TYPES = Set.of(MessageType.TEXT, MessageType.IMAGE, MessageType.VIDEO,
            MessageType.AUDIO, MessageType.DOCUMENT);
    static final int MAX_CONTENT = 100_000;

    private final TemplateRenderer templates;
    private final SettingsResolver settings;

    @Inject
    public MessageDrafts(TemplateRenderer templates, SettingsResolver settings) {
        this.templates = templates;
        this.settings = settings;
    }

    UUID conversationId(String value) {
        Validation v = new Validation();
        UUID id = v.uuid("conversationId", value);
        v.throwIfInvalid();
        return id;
    }

    /** What can be checked without the database: shapes and sizes. */
    void checkShape(SendRequest request) {
        Validation v = new Validation();
        v.uuid("conversationId", request.conversationId());
        if (request.type() != null && sendableType(request.type()).isEmpty()) {
            v.add("type", "must be one of " + String.join(", ", SENDABLE_TYPES.stream().map(MessageType::wireName)
                    .sorted().toList()) + " (templates go through send-template)");
        }
        if (request.content() != null && request.content().length() > MAX_CONTENT) {
            v.add("content", "is longer than " + MAX_CONTENT + " characters");
        }
        if (request.attachments() != null) {
            v.uuids("attachments", request.attachments(), SendRequest.MAX_ATTACHMENTS);
        }
        v.throwIfInvalid();
    }

    Draft free(Connection c, Caller caller, ConversationRow conversation, SendRequest request, Instant now) throws SQLException {
        Channel channel = conversation.channel();
        List<UUID> ids = request.attachments() == null ? List.of()
                : request.attachments().stream().map(UUID::fromString).distinct().toList();
        List<Uploaded> files = uploaded(c, caller, conversation, ids);
        String text = request.content() == null || request.content().isBlank() ? null : request.content();
        MessageType type = request.type() != null ? sendableType(request.type()).orElseThrow()
                : files.isEmpty() ? MessageType.TEXT : MediaRules.messageType(files.get(0).contentType());
        if (type != MessageType.TEXT && files.isEmpty()) {
            throw ApiException.invalid("attachments", "a " + type.wireName() + " message needs an uploaded attachment");
        }
        ObjectNode metadata = Json.mapper().createObjectNode();
        Signature signature = settings.forUser(c, caller.organizationId(), caller.userId()).signature();
        if (signature.appliesTo(channel)) {
            if (channel == Channel.EMAIL) {
                // Kept beside the agent's text: the sender appends it to both alternatives (plain and HTML).
                metadata.putObject("signature").put("text", signature.text()).put("html", signature.html());
            } else if (text != null) {
                // Part of the text on a chat channel, so the channel's length rule counts it.
                text = text + "\n\n" + signature.text();
            }
        }
        List<OutgoingMessage.Attachment> outgoing = files.stream()
                .map(f -> new OutgoingMessage.Attachment(f.contentType(), f.size())).toList();
        ConstraintViolations.reject(check(conversation, type, text, outgoing, now));
        return new Draft(type, text, withChannelDetails(channel, text, metadata), ids, null);
    }

    /**
     * A text the inbox sends on its own (an away reply): the rules an agent's text meets, no
     * signature, {@code metadata.automatic = kind}. Null draft and the violations when refused.
     */
    Checked automatic(ConversationRow conversation, String text, String kind, Instant now) {
        List<ConstraintViolation> violations = check(conversation, MessageType.TEXT, text, List.of(), now);
        if (!violations.isEmpty()) {
            return new Checked(null, violations);
        }
        ObjectNode metadata = Json.mapper().createObjectNode().put("automatic", kind);
        return new Checked(new Draft(MessageType.TEXT, text,
                withChannelDetails(conversation.channel(), text, metadata), List.of(), null), List.of());
    }

    /** A draft the channel takes, or (draft null) the rules it breaks. */
    record Checked(Draft draft, List<ConstraintViolation> violations) {
    }

    /** Every rule of the conversation's channel the message breaks (the reply window from its customer's last message). */
    private static List<ConstraintViolation> check(ConversationRow conversation, MessageType type, String text,
                                                   List<OutgoingMessage.Attachment> attachments, Instant now) {
        return ChannelConstraints.check(new OutgoingMessage(conversation.channel(), type, text, attachments),
                conversation.lastInboundAt(), now);
    }

    /** What the sender and the agents see of the channel's handling: an SMS's encoding and segments. */
    private static ObjectNode withChannelDetails(Channel channel, String text, ObjectNode metadata) {
        if (channel == Channel.SMS && text != null) {
            SmsSegments sms = SmsSegments.of(text);
            metadata.putObject("sms").put("encoding", sms.encoding()).put("segments", sms.segments());
        }
        return metadata;
    }

    Draft template(Connection c, Caller caller, ConversationRow conversation, SendTemplateRequest request) throws SQLException {
        Validation v = new Validation();
        UUID templateId = v.uuid("templateId", request.templateId());
        v.throwIfInvalid();
        if (conversation.channel() != Channel.WHATSAPP) {
            ConstraintViolations.reject(List.of(new ConstraintViolation("template-whatsapp-only", "templateId",
                    "templates are sent on WhatsApp conversations only; this one is "
                            + conversation.channel().wireName())));
        }
        TemplateRenderer.Rendered rendered = templates.render(c, caller.organizationId(), templateId,
                request.params() == null ? Map.of() : request.params());
        ObjectNode metadata = Json.mapper().createObjectNode();
        ObjectNode template = metadata.putObject("template");
        template.put("id", templateId.toString()).put("name", rendered.name()).put("language", rendered.language());
        template.set("params", Json.mapper().valueToTree(rendered.params()));
        return new Draft(MessageType.TEMPLATE, rendered.content(), metadata, List.of(), templateId);
    }

    /** The request's type word, if it is one a send may name (checked by {@link #checkShape} first). */
    private static Optional<MessageType> sendableType(String word) {
        return MessageType.parse(word).filter(SENDABLE_TYPES::contains);
    }

    private record Uploaded(UUID id, String contentType, long size) {
    }

    /** The attachments, each uploaded (verified) into this conversation and not yet on a message. */
    private static List<Uploaded> uploaded(Connection c, Caller caller, ConversationRow conversation, List<UUID> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Uploaded> found = new HashMap<>();
        for (Uploaded u : Sql.list(c, """
                SELECT id, content_type, size_bytes FROM attachments
                 WHERE organization_id = ? AND conversation_id = ? AND id = ANY(?::uuid[])
                   AND status = 'uploaded' AND message_id IS NULL""",
                r -> new Uploaded(Sql.uuid(r, "id"), r.getString("content_type"), r.getLong("size_bytes")),
                caller.organizationId(), conversation.id(), ids)) {
            found.put(u.id(), u);
        }
        Validation v = new Validation();
        List<Uploaded> ordered = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Uploaded u = found.get(ids.get(i));
            if (u == null) {
                v.add("attachments[" + i + "]", "no completed upload " + ids.get(i) + " waits in this conversation");
            } else {
                ordered.add(u);
            }
        }
        v.throwIfInvalid();
        return ordered;
    }
}
