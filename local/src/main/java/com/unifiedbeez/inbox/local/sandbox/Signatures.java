package com.unifiedbeez.inbox.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How the platforms sign the webhooks they send, computed the way they document it. */
public final class Signatures {
    private Signatures() {
    }

    /**
     * Meta's {@code X-Hub-Signature-256}: "sha256=" and the hex HMAC-SHA256 of the raw body, keyed
     * with the app secret (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads).
     */
    public static String metaSha256(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
    }

    /** The older {@code X-Hub-Signature} Meta still sends beside it: "sha1=" and the hex HMAC-SHA1. */
    public static String metaSha1(String appSecret, byte[] body) {
        return "sha1=" + HexFormat.of().formatHex(hmac("HmacSHA1", appSecret, body));
    }

    /**
     * Twilio's {@code X-Twilio-Signature}: base64 HMAC-SHA1, keyed with the auth token, of the full
     * URL followed by every POST parameter's name and value, sorted by name
     * (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
     */
    public static String twilio(String authToken, String url, Map<String, String> params) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken,
                signed.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
