package com.unifiedbeez.inbox.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stored send as Send API requests (https://developers.facebook.com/docs/messenger-platform/reference/send-api):
 * one request per attachment, in order, then the text. A Meta message holds text or one
 * attachment, never both. {@code metadata.interactive.buttons [{id, title}]} become quick replies
 * ({@code content_type: text, title, payload: id}) on the last request, where Messenger and
 * Instagram show them. Templates go as their rendered text: Messenger's "templates" are layouts,
 * not WhatsApp-style approved messages.
 *
 * <p>Within 24 h of the customer's last message a reply is {@code messaging_type: RESPONSE}; from
 * 24 h to 7 days a human agent's reply must be {@code messaging_type: MESSAGE_TAG, tag: HUMAN_AGENT}
 * (Send API "tag", https://developers.facebook.com/docs/messenger-platform/reference/send-api; Message
 * Tags, https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags; Instagram
 * likewise: developers.facebook.com/docs/messenger-platform/instagram/features/send-message). Every
 * send from the inbox is an agent's, so the sender decides by time alone ({@link
 * com.unifiedbeez.inbox.channel.ReplyWindow#needsHumanAgentTag}).
 */
public final class MetaOutgoing {
    private MetaOutgoing() {
    }

    /**
     * @param reusableFlag whether attachments carry {@code is_reusable: false} (Messenger's
     *                     attachment payload has it; Instagram's documents only {@code url})
     * @param humanAgent   whether the reply is past the 24 h standard window (tag HUMAN_AGENT)
     */
    public static List<ObjectNode> requests(OutboundMessage message, boolean reusableFlag, boolean humanAgent) {
        List<ObjectNode> requests = new ArrayList<>();
        for (OutboundMessage.Media media : message.media()) {
            ObjectNode request = request(message, humanAgent);
            ObjectNode payload = request.putObject("message").putObject("attachment")
                    .put("type", attachmentType(media.contentType()))
                    .putObject("payload").put("url", media.url());
            if (reusableFlag) {
                payload.put("is_reusable", false);
            }
            requests.add(request);
        }
        if (message.text() != null && !message.text().isBlank()) {
            ObjectNode request = request(message, humanAgent);
            request.putObject("message").put("text", message.text());
            requests.add(request);
        }
        ArrayNode quickReplies = quickReplies(message.metadata());
        if (!requests.isEmpty() && !quickReplies.isEmpty()) {
            ((ObjectNode) requests.get(requests.size() - 1).get("message")).set("quick_replies", quickReplies);
        }
        return requests;
    }

    /**
     * Sends the requests in order with the connection's Page token (secret {@code accessToken}).
     * Accepted carries the first part's mid (what the customer sees first). The first refusal
     * stops the rest; after a Retry the whole message is sent again, so parts that already went
     * out are repeated: the platform has no idempotency key to prevent it.
     */
    public static SendOutcome send(MetaGraph graph, String node, ChannelConnection connection,
                                   List<ObjectNode> requests) {
        String token = connection.secrets().get(MetaGraph.ACCESS_TOKEN).orElse(null);
        if (token == null) {
            return new SendOutcome.Rejected("no-access-token", "the connection has no accessToken");
        }
        if (requests.isEmpty()) {
            return new SendOutcome.Rejected("empty-message", "nothing to send: no text and no attachment");
        }
        String firstId = null;
        for (ObjectNode request : requests) {
            SendOutcome outcome = graph.sendMessage(node, token, request);
            if (!(outcome instanceof SendOutcome.Accepted accepted)) {
                return outcome;
            }
            firstId = firstId == null ? accepted.externalId() : firstId;
        }
        return new SendOutcome.Accepted(firstId);
    }

    private static ObjectNode request(OutboundMessage message, boolean humanAgent) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.putObject("recipient").put("id", message.to().identifier());
        if (humanAgent) {
            request.put("messaging_type", "MESSAGE_TAG").put("tag", "HUMAN_AGENT");
        } else {
            request.put("messaging_type", "RESPONSE");
        }
        return request;
    }

    private static ArrayNode quickReplies(ObjectNode metadata) {
        ArrayNode replies = Json.mapper().createArrayNode();
        for (JsonNode button : metadata.path("interactive").path("buttons")) {
            replies.addObject()
                    .put("content_type", "text")
                    .put("title", button.path("title").asText())
                    .put("payload", button.path("id").asText());
        }
        return replies;
    }

    /** image/*, video/*, audio/* by their family; anything else (PDF, ...) is a file. */
    static String attachmentType(String contentType) {
        String family = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (family.startsWith("image/")) {
            return "image";
        }
        if (family.startsWith("video/")) {
            return "video";
        }
        return family.startsWith("audio/") ? "audio" : "file";
    }
}
