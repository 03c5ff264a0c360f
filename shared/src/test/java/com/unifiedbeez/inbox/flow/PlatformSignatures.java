package com.unifiedbeez.inbox.flow;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures the platforms put on their webhooks, computed here from their documentation and
 * not with the production code, so a flow test would catch a verifier that agrees with a wrong signer.
 */
final class PlatformSignatures {
    private PlatformSignatures() {
    }

    /**
     * Meta's X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body keyed with the app secret
     * (developers.facebook.com/docs/graph-api/webhooks/getting-started, "Validate Payloads").
     */
    static String meta(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
    }

    /**
     * Twilio's X-Twilio-Signature: Base64 HMAC-SHA1, keyed with the auth token, of the full URL followed
     * by each POST parameter's name and value, sorted by name (twilio.com/docs/usage/webhooks/webhooks-security).
     */
    static String twilio(String authToken, String url, String formBody) {
        List<String[]> params = new ArrayList<>();
        for (String pair : formBody.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(new String[] {URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder data = new StringBuilder(url);
        for (String[] p : params) {
            data.append(p[0]).append(p[1]);
        }
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken,
                data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
