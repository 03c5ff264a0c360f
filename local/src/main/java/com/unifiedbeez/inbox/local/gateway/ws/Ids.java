package com.unifiedbeez.inbox.local.gateway.ws;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ids shaped as API Gateway's WebSocket API makes them: connection ids, message ids and request ids
 * are 11 random bytes in URL-safe base64 with padding (16 characters), e.g. {@code JC1dgf9yoAMCK-g=} (the '='
 * must be percent-encoded in an @connections URL, as the SDK does).
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
