package com.unifiedbeez.inbox.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio webhook bodies in the unified format: an incoming message
 * (twilio.com/docs/messaging/guides/webhook-request) or a status callback
 * (twilio.com/docs/messaging/guides/track-outbound-message-status).
 *
 * <p>Neither carries a timestamp (RawDlrDoneDate is the carrier's, minute precision, no zone), and
 * a normalizer sees only the payload, so times are when we normalize: seconds after Twilio sent it.
 */
public final class SmsInbound implements IncomingNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(SmsInbound.class);
    /** Request parameters kept with an incoming message ("geographic data", best effort by Twilio). */
    private static final List<String> KEPT = List.of("FromCity", "FromState", "FromZip", "FromCountry", "NumSegments",
            "MessagingServiceSid");

    private final PlatformHttp http;

    @Inject
    public SmsInbound(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        TwilioForm form = TwilioForm.parse(payload);
        String sid = form.first("MessageSid").or(() -> form.first("SmsMessageSid")).or(() -> form.first("SmsSid"))
                .orElseThrow(() -> new IllegalArgumentException("not a Twilio message webhook: no MessageSid"));
        return SmsWebhook.isStatusCallback(form) ? status(form, sid) : List.of(message(form, sid));
    }

    private static InboundMessage message(TwilioForm form, String sid) {
        String from = form.first("From").orElseThrow(() -> new IllegalArgumentException("Twilio message without From"));
        List<InboundMedia> media = new ArrayList<>();
        int count = form.first("NumMedia").map(Integer::parseInt).orElse(0);
        for (int i = 0; i < count; i++) {
            String type = form.first("MediaContentType" + i).orElse(null);
            form.first("MediaUrl" + i).ifPresent(url -> media.add(new InboundMedia(url, type, null, null)));
        }
        ObjectNode metadata = Json.mapper().createObjectNode();
        for (String name : KEPT) {
            form.first(name).ifPresent(value -> metadata.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), value));
        }
        String body = form.first("Body").orElse(null);
        MessageType type = body == null && !media.isEmpty() ? mediaType(media.get(0).contentType()) : MessageType.TEXT;
        return new InboundMessage(sid, new Customer(from, null, from, null), Instant.now(), type, body, metadata, media,
                null, List.of());
    }

    /** An MMS without text is typed by its first file: image, video, audio, else document. */
    private static MessageType mediaType(String contentType) {
        String major = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split("/")[0];
        return switch (major) {
            case "image" -> MessageType.IMAGE;
            case "video" -> MessageType.VIDEO;
            case "audio" -> MessageType.AUDIO;
            default -> MessageType.DOCUMENT;
        };
    }

    /**
     * MessageStatus values (twilio.com/docs/messaging/api/message-resource#message-status-values):
     * queued/accepted/scheduled/sending say nothing new (we recorded the send), read comes from
     * channels with read receipts only (WhatsApp, RCS), undelivered and failed carry ErrorCode.
     */
    private static List<InboundEvent> status(TwilioForm form, String sid) {
        String value = form.first("MessageStatus").orElseThrow();
        String recipient = form.first("To").orElse(null);
        MessageStatus status = switch (value) {
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "undelivered", "failed" -> MessageStatus.FAILED;
            default -> null;
        };
        if (status == null) {
            LOG.debug("twilio status {} of {} ignored", value, sid);
            return List.of();
        }
        String code = status == MessageStatus.FAILED ? form.first("ErrorCode").orElse(null) : null;
        String text = status == MessageStatus.FAILED ? TwilioErrors.text(code) : null;
        return List.of(new StatusReport(sid, recipient, status, Instant.now(), code, text));
    }

    /**
     * MediaUrlN points at the Media resource; Twilio asks for HTTP basic auth with the account SID
     * and auth token when "HTTP Basic Authentication for media access" is on, and answers with a
     * redirect to the file on presigned storage. PlatformHttp follows it without the credentials
     * (another origin), which that storage would refuse.
     */
    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        String auth = SmsSender.basicAuth(SmsSender.accountSid(connection), connection.secrets().require("authToken"));
        PlatformHttp.Answer answer = http.exchange(PlatformHttp.request(media.reference())
                .header("Authorization", auth).GET().build());
        if (answer.status() == 404) {
            // Twilio's "resource not found" (error 20404): the media was deleted from the message
            throw new MediaUnavailable("Twilio no longer has this media (HTTP 404): deleted");
        }
        if (PlatformHttp.permanentStatus(answer.status())) {
            // 401 (20003 Authenticate) and 403 (20403 Forbidden): the account's credentials or media
            // access settings refuse us; asking again with the same ones gets the same answer.
            throw new MediaUnavailable("Twilio refused the media (HTTP " + answer.status() + twilioError(answer)
                    + ")");
        }
        if (!answer.ok()) {
            throw new IOException("Twilio media download answered HTTP " + answer.status());
        }
        String path = URI.create(media.reference()).getPath();
        return new MediaContent(answer.body(),
                media.contentType() != null ? media.contentType() : answer.contentType().orElse("application/octet-stream"),
                path.substring(path.lastIndexOf('/') + 1));
    }

    /** ", Twilio error 20403 Forbidden" from Twilio's error body ({"code", "message", ...}), or nothing. */
    private static String twilioError(PlatformHttp.Answer answer) {
        try {
            JsonNode error = Json.mapper().readTree(answer.body());
            return error != null && error.path("code").isIntegralNumber()
                    ? ", Twilio error " + error.path("code").asInt() + " " + error.path("message").asText("") : "";
        } catch (IOException e) {
            return "";
        }
    }
}
