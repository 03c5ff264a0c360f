package com.unifiedbeez.inbox.attachment;

import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The media bucket. Presigning is local computation. */
@Singleton
public final class S3MediaStorage implements MediaStorage {
    public static final String BUCKET = "INBOX_MEDIA_BUCKET";
    private static final int PRECONDITION_FAILED = 412;
    /** The most keys one DeleteObjects request takes. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    @Inject
    public S3MediaStorage(S3Client s3, S3Presigner presigner, Config config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.require(BUCKET);
    }

    @Override
    public PresignedUpload presignPut(String key, String contentType, long sizeBytes, Duration ttl) {
        // Content type and length are signed: S3 refuses a different file than the one declared.
        var presigned = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(sizeBytes)));
        return new PresignedUpload(presigned.url().toString(), "PUT", Map.of("Content-Type", contentType),
                presigned.expiration() == null ? Instant.now().plus(ttl) : presigned.expiration());
    }

    @Override
    public String presignGet(String key, Duration ttl) {
        return presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(o -> o.bucket(bucket).key(key)))
                .url().toString();
    }

    @Override
    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), head.contentType(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> readStart(String key, String etag, int maxBytes) {
        try {
            return Optional.of(s3.getObjectAsBytes(o -> o.bucket(bucket).key(key).ifMatch(etag)
                    .range("bytes=0-" + (maxBytes - 1))).asByteArray());
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean copyIfUnchanged(String from, String etag, String to) {
        try {
            s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(from).copySourceIfMatch(etag)
                    .destinationBucket(bucket).destinationKey(to));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes));
    }

    @Override
    public byte[] get(String key) {
        return s3.getObjectAsBytes(o -> o.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public int delete(Collection<String> keys) {
        List<ObjectIdentifier> all = keys.stream().distinct().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        int deleted = 0;
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> chunk = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            // Quiet: S3 lists only the keys it could not delete (a missing key is not one of them).
            DeleteObjectsResponse response = s3.deleteObjects(d -> d.bucket(bucket)
                    .delete(x -> x.objects(chunk).quiet(true)));
            if (!response.errors().isEmpty()) {
                List<String> refused = new ArrayList<>();
                response.errors().stream().limit(5)
                        .forEach(e -> refused.add(e.key() + " (" + e.code() + ": " + e.message() + ")"));
                throw new IllegalStateException("S3 kept " + response.errors().size() + " of " + chunk.size()
                        + " objects it was asked to delete, e.g. " + refused);
            }
            deleted += chunk.size();
        }
        return deleted;
    }
}
