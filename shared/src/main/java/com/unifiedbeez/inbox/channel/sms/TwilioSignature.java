package com.unifiedbeez.inbox.channel.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * X-Twilio-Signature (twilio.com/docs/usage/webhooks/webhooks-security): Base64 of HMAC-SHA1,
 * keyed with the account's auth token, over the full URL Twilio called followed by every POST
 * parameter's name and value, sorted by name. Repeated names keep a stable order by value, as
 * twilio-node's validateRequest does.
 */
public final class TwilioSignature {
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, TwilioForm form) {
        StringBuilder data = new StringBuilder(url);
        form.params().stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())))
                .forEach(p -> data.append(p.getKey()).append(p.getValue()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** Constant-time comparison of the header with our own signature. */
    public static boolean valid(String authToken, String url, TwilioForm form, String signature) {
        return signature != null && MessageDigest.isEqual(sign(authToken, url, form).getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8));
    }
}
