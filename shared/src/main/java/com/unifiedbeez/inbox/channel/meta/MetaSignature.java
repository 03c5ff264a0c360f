package com.unifiedbeez.inbox.channel.meta;

import com.unifiedbeez.inbox.channel.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the app secret>} (https://developers.facebook.com/docs/graph-api/webhooks/getting-started,
 * "Validating Payloads"). Same for WhatsApp, Messenger and Instagram. The HMAC is over the exact
 * bytes received, so it is checked before any parsing.
 */
public final class MetaSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private MetaSignature() {
    }

    /** The header value Meta would send for this body. */
    public static String sign(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether the header is present and matches the body; compared in constant time. */
    public static boolean valid(String appSecret, Optional<String> header, byte[] body) {
        if (header.isEmpty()) {
            return false;
        }
        byte[] expected = sign(appSecret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.get().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** Rejects a delivery whose signature is missing or wrong; nothing of it may be queued. */
    public static void verify(String appSecret, Optional<String> header, byte[] body) {
        if (header.filter(h -> !h.isBlank()).isEmpty()) {
            throw WebhookRejected.badSignature("missing " + HEADER + " header");
        }
        if (!valid(appSecret, header, body)) {
            throw WebhookRejected.badSignature(HEADER + " does not match the body");
        }
    }
}
