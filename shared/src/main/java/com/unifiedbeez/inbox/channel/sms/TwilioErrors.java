package com.unifiedbeez.inbox.channel.sms;

import java.util.Map;

/**
 * Texts for the delivery error codes a status callback carries in ErrorCode (Twilio error
 * dictionary, twilio.com/docs/api/errors/{code}); any other code points at its page.
 */
final class TwilioErrors {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("21610", "Attempt to send to unsubscribed recipient"),
            Map.entry("30001", "Queue overflow"),
            Map.entry("30002", "Account suspended"),
            Map.entry("30003", "Unreachable destination handset"),
            Map.entry("30004", "Message blocked"),
            Map.entry("30005", "Unknown destination handset"),
            Map.entry("30006", "Landline or unreachable carrier"),
            Map.entry("30007", "Message filtered"),
            Map.entry("30008", "Unknown error"),
            Map.entry("30034", "US A2P 10DLC - Message from an unregistered number"));

    private TwilioErrors() {
    }

    static String text(String code) {
        if (code == null) {
            return "Twilio reported the message as not delivered, without an error code";
        }
        return TEXTS.getOrDefault(code, "Twilio error " + code + " (twilio.com/docs/api/errors/" + code + ")");
    }
}
