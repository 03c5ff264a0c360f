package com.unifiedbeez.inbox.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Encrypts connection credentials at rest with AES-256-GCM. The connection id is the associated
 * data, so a ciphertext copied onto another row does not decrypt. Stored as IV (12 bytes) then
 * ciphertext and tag; the key id is stored beside it so keys can rotate.
 */
@Singleton
public final class CredentialCipher {
    /** Base64 of 32 random bytes; in AWS it comes from Secrets Manager through the function's environment. */
    public static final String KEY = "INBOX_CREDENTIALS_KEY";
    public static final String KEY_ID = "INBOX_CREDENTIALS_KEY_ID";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public CredentialCipher(Config config) {
        byte[] raw = Base64.getDecoder().decode(config.require(KEY));
        if (raw.length != 32) {
            throw new IllegalStateException(KEY + " must be base64 of 32 bytes (AES-256), got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = config.get(KEY_ID).orElse("config-1");
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(UUID connectionId, Secrets secrets) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(connectionId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(Json.write(secrets.values()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential encryption failed", e);
        }
    }

    public Secrets decrypt(UUID connectionId, byte[] stored) {
        if (stored == null || stored.length == 0) {
            return Secrets.NONE;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(connectionId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
            return new Secrets(Json.mapper().readValue(plain, new TypeReference<Map<String, String>>() { }));
        } catch (GeneralSecurityException | java.io.IOException e) {
            // The message names no secret: only that this connection's credentials cannot be read.
            throw new IllegalStateException("credentials of connection " + connectionId + " do not decrypt with key "
                    + keyId, e);
        }
    }
}
