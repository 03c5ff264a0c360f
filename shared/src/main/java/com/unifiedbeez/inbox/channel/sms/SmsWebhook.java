package com.unifiedbeez.inbox.channel.sms;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Twilio webhooks, form-encoded: an incoming message (twilio.com/docs/messaging/guides/webhook-request;
 * SmsStatus=received, our number is To) or a status callback of one of our sends
 * (twilio.com/docs/messaging/guides/track-outbound-message-status; MessageStatus, our number is From).
 * The number finds the connection, whose auth token signs the request.
 */
public final class SmsWebhook implements WebhookAdapter {

    @Inject
    public SmsWebhook() {
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections) {
        TwilioForm form;
        try {
            form = TwilioForm.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.malformed(e.getMessage());
        }
        boolean status = isStatusCallback(form);
        if (!status && form.first("MessageSid").or(() -> form.first("SmsMessageSid")).isEmpty()) {
            throw WebhookRejected.malformed("neither an incoming message nor a status callback: no MessageSid");
        }
        String ours = form.first(status ? "From" : "To")
                .orElseThrow(() -> WebhookRejected.malformed("no " + (status ? "From" : "To") + " number"));
        Optional<ChannelConnection> found = connections.findLive(Channel.SMS, ours);
        if (found.isEmpty()) {
            // Refused as a bad signature is: the answer must not tell which numbers are connected here.
            throw WebhookRejected.badSignature("twilio " + (status ? "status callback" : "message")
                    + " for number " + ours + ", which is not connected");
        }
        ChannelConnection connection = found.get();
        String authToken = connection.secrets().get("authToken").orElse(null);
        if (authToken == null || !TwilioSignature.valid(authToken, request.url(), form,
                request.header(TwilioSignature.HEADER).orElse(null))) {
            throw WebhookRejected.badSignature(TwilioSignature.HEADER + " missing or wrong for " + ours);
        }
        // A status callback names the customer in To; Twilio's own example omits it, so fall back to the message.
        String customer = status ? form.first("To").or(() -> form.first("MessageSid")).orElse(ours)
                : form.first("From").orElseThrow(() -> WebhookRejected.malformed("no From number"));
        return List.of(new WebhookUnit(connection, customer, request.bodyText()));
    }

    /** A status callback carries MessageStatus; an incoming message carries SmsStatus=received and no MessageStatus. */
    static boolean isStatusCallback(TwilioForm form) {
        return form.first("MessageStatus").isPresent();
    }
}
