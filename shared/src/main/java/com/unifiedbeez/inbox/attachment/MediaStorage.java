package com.unifiedbeez.inbox.attachment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Where media lives: S3 in AWS, S3Proxy locally. Clients move bytes with presigned URLs, never through the API. */
public interface MediaStorage {
    /** A URL the client PUTs the file to, with the headers it must send as signed. */
    record PresignedUpload(String url, String method, Map<String, String> headers, Instant expiresAt) {
    }

    /** What the store holds under a key. */
    record StoredObject(long sizeBytes, String contentType) {
    }

    PresignedUpload presignPut(String key, String contentType, long sizeBytes, Duration ttl);

    String presignGet(String key, Duration ttl);

    Optional<StoredObject> head(String key);

    /** Stores bytes the backend itself fetched (inbound media, raw email); the same key twice overwrites. */
    void put(String key, byte[] bytes, String contentType);

    /** The bytes under a key: attachments the backend uploads itself (email, Telegram). */
    byte[] get(String key);
}
