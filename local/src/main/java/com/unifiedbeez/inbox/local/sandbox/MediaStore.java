package com.unifiedbeez.inbox.local.sandbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Media files the platforms hold in the sandbox: what a customer "sent" and what we uploaded. */
final class MediaStore {
    /** A stored file; {@code id} is the platform's media id (WhatsApp media id, Telegram file_id, ...). */
    record Media(String id, String mimeType, String fileName, byte[] bytes) {
        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<String, Media> media = new ConcurrentHashMap<>();

    Media put(String id, String mimeType, String fileName, byte[] bytes) {
        Media m = new Media(id, mimeType, fileName, bytes);
        media.put(id, m);
        return m;
    }

    Optional<Media> get(String id) {
        return Optional.ofNullable(media.get(id));
    }
}
