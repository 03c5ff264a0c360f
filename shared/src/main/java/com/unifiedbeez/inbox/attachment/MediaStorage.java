package com.unifiedbeez.inbox.attachment;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where media lives: S3 in AWS, S3Proxy locally. Clients move bytes with presigned URLs, never through the API. */
public interface MediaStorage {
    /** A URL the client PUTs the file to, with the headers it must send as signed. */
    record PresignedUpload(String url, String method, Map<String, String> headers, Instant expiresAt) {
    }

    /** What the store holds under a key; the ETag names this version of its bytes. */
    record StoredObject(long sizeBytes, String contentType, String etag) {
    }

    PresignedUpload presignPut(String key, String contentType, long sizeBytes, Duration ttl);

    String presignGet(String key, Duration ttl);

    Optional<StoredObject> head(String key);

    /**
     * Up to {@code maxBytes} first bytes of the object, only while it is still the version
     * {@code etag} names; empty when it has been replaced since.
     */
    Optional<byte[]> readStart(String key, String etag, int maxBytes);

    /**
     * Copies the object to {@code to} only while it is still the version {@code etag} names (S3
     * CopyObject with x-amz-copy-source-if-match); false when it has been replaced since.
     */
    boolean copyIfUnchanged(String from, String etag, String to);

    /** Stores bytes the backend itself fetched (inbound media, raw email); the same key twice overwrites. */
    void put(String key, byte[] bytes, String contentType);

    /** The bytes under a key: attachments the backend uploads itself (email, Telegram). */
    byte[] get(String key);

    /**
     * Deletes the objects under these keys and answers how many keys it deleted; a key with no
     * object counts as deleted (S3 answers so), so a delete repeated after a crash succeeds. Throws
     * when the store keeps any of them: the caller must then keep the rows that point at them.
     */
    int delete(Collection<String> keys);
}
