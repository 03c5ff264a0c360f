package com.unifiedbeez.inbox.channel.whatsapp;

import com.unifiedbeez.inbox.webhook.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature, shared by WhatsApp, Messenger and Instagram: header
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>}.
 * Source: developers.facebook.com/docs/graph-api/webhooks/getting-started ("Validate Payloads").
 * The HMAC is over the exact bytes received, so this runs before any parsing.
 */
public final class MetaSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    static final String PREFIX = "sha256=";

    private MetaSignature() {
    }

    /** The header value Meta would send for this body. */
    public static String sign(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    /** Whether {@code header} is the body's signature; constant-time, hex case ignored. */
    public static boolean matches(String appSecret, byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(appSecret, body), given);
    }

    /** Rejects a delivery whose signature is missing or wrong; nothing of it may be queued. */
    public static void verify(String appSecret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            throw WebhookRejected.badSignature("missing " + HEADER + " header");
        }
        if (!matches(appSecret, body, header)) {
            throw WebhookRejected.badSignature(HEADER + " does not match the body");
        }
    }

    /** Constant-time equality of two texts (verify tokens), false when either is null. */
    static boolean sameText(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
