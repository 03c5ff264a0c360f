package com.unifiedbeez.inbox.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetaSignatureTest {
    // Expected values computed outside Java:
    //   printf '%s' '{"object":"page"}' | openssl dgst -sha256 -hmac 'meta-app-secret'
    //   openssl dgst -sha256 -hmac 'test-app-secret' events/webhooks/messenger/message-text.json
    private static final byte[] SMALL = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SMALL_SIGNATURE = "sha256=608590215a97c2b1eb88627b4845b66db760cda09f7172266c40e57ec1aa9cf6";
    private static final String FIXTURE_SIGNATURE = "sha256=a56b8adcaa75eefe10f16fdc79cb649df10d3150bcb7703652f42d96fd1f639f";

    @Test
    void signsLikeOpenssl() {
        assertThat(MetaSignature.sign("meta-app-secret", SMALL)).isEqualTo(SMALL_SIGNATURE);
        assertThat(MetaSignature.sign(MetaSamples.APP_SECRET, MetaSamples.bytes("messenger", "message-text.json")))
                .isEqualTo(FIXTURE_SIGNATURE);
    }

    @Test
    void signatureMatchesThePublishedHmacSha256Vector() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(MetaSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(MetaSignature.valid("Jefe", Optional.of("sha256=5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @Test
    void acceptsTheRightSignatureInEitherHexCase() {
        assertThat(MetaSignature.valid("meta-app-secret", Optional.of(SMALL_SIGNATURE), SMALL)).isTrue();
        assertThat(MetaSignature.valid("meta-app-secret", Optional.of(SMALL_SIGNATURE.toUpperCase()), SMALL)).isTrue();
    }

    @Test
    void refusesWrongMissingOrAlteredBodies() {
        assertThat(MetaSignature.valid("another-secret", Optional.of(SMALL_SIGNATURE), SMALL)).isFalse();
        assertThat(MetaSignature.valid("meta-app-secret", Optional.empty(), SMALL)).isFalse();
        assertThat(MetaSignature.valid("meta-app-secret", Optional.of(""), SMALL)).isFalse();
        assertThat(MetaSignature.valid("meta-app-secret", Optional.of(SMALL_SIGNATURE.substring(7)), SMALL))
                .as("hex without the sha256= prefix").isFalse();
        byte[] altered = "{\"object\":\"page\" }".getBytes(StandardCharsets.UTF_8);
        assertThat(MetaSignature.valid("meta-app-secret", Optional.of(SMALL_SIGNATURE), altered)).isFalse();
    }
}
