package com.unifiedbeez.inbox.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** AES-256-GCM of connection credentials, bound to the connection's id. */
class CredentialCipherTest {
    private static final String TOKEN = "EAAG-live-token-0123456789";
    private final CredentialCipher cipher = new CredentialCipher(config(32));
    private final UUID id = UUID.randomUUID();
    private final Secrets secrets = new Secrets(Map.of("accessToken", TOKEN, "webhookSecret", "s3cr3t"));

    private static Config config(int keyBytes) {
        byte[] key = new byte[keyBytes];
        new SecureRandom().nextBytes(key);
        return Config.of(Map.of(CredentialCipher.KEY, Base64.getEncoder().encodeToString(key)));
    }

    @Test
    void decryptsWhatItEncryptedWithoutThePlaintextInTheBytes() {
        byte[] sealed = cipher.encrypt(id, secrets);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(cipher.decrypt(id, sealed).values()).isEqualTo(secrets.values());
        assertThat(cipher.encrypt(id, secrets)).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(id, null).values()).isEmpty();
    }

    @Test
    void ciphertextOfAnotherConnectionDoesNotDecrypt() {
        byte[] sealed = cipher.encrypt(id, secrets);
        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTamperedByteIsDetected() {
        byte[] sealed = cipher.encrypt(id, secrets);
        for (int position : new int[] {0, 12, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(id, tampered)).as("byte " + position)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anotherKeyDoesNotDecrypt() {
        byte[] sealed = cipher.encrypt(id, secrets);
        assertThatThrownBy(() -> new CredentialCipher(config(32)).decrypt(id, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new CredentialCipher(config(16))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CredentialCipher(Config.of(Map.of()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretsNeverShowAValue() {
        assertThat(secrets.toString()).doesNotContain(TOKEN).doesNotContain("s3cr3t").contains("accessToken");
        assertThatThrownBy(() -> secrets.require("botToken")).hasMessageNotContaining(TOKEN);
    }
}
