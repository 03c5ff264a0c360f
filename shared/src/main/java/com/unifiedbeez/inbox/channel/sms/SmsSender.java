package com.unifiedbeez.inbox.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Sends with Twilio's Message resource (twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded, HTTP basic auth with
 * the account SID and auth token.
 */
public final class SmsSender implements OutgoingSender {
    public static final String WEBHOOK_PATH = "/api/webhooks/sms";

    private final PlatformHttp http;
    private final String api;
    private final Optional<String> statusCallback;

    @Inject
    public SmsSender(Config config, PlatformHttp http) {
        this.http = http;
        this.api = PlatformEndpoints.twilioApi(config);
        this.statusCallback = webhookUrl(config);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    /** Our SMS webhook URL, when INBOX_WEBHOOK_BASE_URL is configured. */
    static Optional<String> webhookUrl(Config config) {
        return PlatformEndpoints.webhookBase(config).map(base -> base + WEBHOOK_PATH);
    }

    /**
     * The Messages.json parameters: To, From (our number), Body (a template's rendered body),
     * StatusCallback (our webhook, so sent/delivered/failed come back), one MediaUrl per attachment.
     */
    public static TwilioForm normalizeOutgoing(String from, String statusCallback, OutboundMessage message) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("To", message.to().identifier()));
        params.add(Map.entry("From", from));
        if (message.text() != null) {
            params.add(Map.entry("Body", message.text()));
        }
        if (statusCallback != null) {
            params.add(Map.entry("StatusCallback", statusCallback));
        }
        message.media().forEach(media -> params.add(Map.entry("MediaUrl", media.url())));
        return new TwilioForm(params);
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        String accountSid;
        String authToken;
        try {
            accountSid = accountSid(connection);
            authToken = connection.secrets().require("authToken");
        } catch (IllegalStateException e) {
            return new SendOutcome.Rejected("invalid-credentials", e.getMessage());
        }
        TwilioForm form = normalizeOutgoing(connection.externalId(), statusCallback.orElse(null), message);
        HttpRequest request = PlatformHttp.request(api + "/2010-04-01/Accounts/" + encode(accountSid) + "/Messages.json")
                .header("Authorization", basicAuth(accountSid, authToken))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encode()))
                .build();
        PlatformHttp.Answer answer;
        try {
            answer = http.exchange(request);
        } catch (IOException e) {
            return new SendOutcome.Retry("Twilio not reached: " + e, null);
        }
        JsonNode json = json(answer);
        if (answer.ok() && json.hasNonNull("sid")) {
            return new SendOutcome.Accepted(json.path("sid").asText());
        }
        // Error body: {"code": 21211, "message": "...", "more_info": "...", "status": 400}
        String code = json.hasNonNull("code") ? json.path("code").asText() : "http-" + answer.status();
        String reason = json.hasNonNull("message") ? json.path("message").asText() : "HTTP " + answer.status();
        if (answer.transientFailure()) {
            return new SendOutcome.Retry("Twilio " + code + ": " + reason, answer.retryAfter().orElse(null));
        }
        return new SendOutcome.Rejected(code, reason);
    }

    static String accountSid(ChannelConnection connection) {
        String sid = connection.setting("accountSid");
        if (sid == null || sid.isBlank()) {
            throw new IllegalStateException("connection has no accountSid setting");
        }
        return sid;
    }

    static String basicAuth(String accountSid, String authToken) {
        return "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    static JsonNode json(PlatformHttp.Answer answer) {
        try {
            JsonNode node = Json.mapper().readTree(answer.body());
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
