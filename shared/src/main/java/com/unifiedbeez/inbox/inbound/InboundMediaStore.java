package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a message's media from the platform into the media bucket, before its database
 * transaction (a download must not hold a connection). Keys are deterministic per message and
 * position, so a retried record overwrites its own files and never leaves a second copy.
 * (A file after one that is unavailable keeps its position in the key.)
 */
@Singleton
public final class InboundMediaStore {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMediaStore.class);
    static final int MAX_FILE_NAME = 100;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final MediaStorage storage;

    @Inject
    public InboundMediaStore(MediaStorage storage) {
        this.storage = storage;
    }

    /** A file now in the bucket. */
    public record StoredMedia(String key, String fileName, String contentType, long sizeBytes) {
    }

    /** A file the platform will never give us, and why ({@link MediaUnavailable}). */
    public record UnavailableMedia(InboundMedia media, String reason) {
    }

    /** What became of a message's media: the files stored, in order, and those left out for good. */
    public record Result(List<StoredMedia> stored, List<UnavailableMedia> unavailable) {
    }

    /**
     * Downloads and stores every file. A file the platform refuses for good is left out (and
     * listed); any other IOException (or RuntimeException) fails the record, which is retried.
     */
    public Result store(IncomingNormalizer normalizer, ChannelConnection connection, InboundMessage message) {
        List<StoredMedia> stored = new ArrayList<>();
        List<UnavailableMedia> unavailable = new ArrayList<>();
        for (int i = 0; i < message.media().size(); i++) {
            InboundMedia media = message.media().get(i);
            MediaContent content;
            try {
                content = normalizer.fetchMedia(connection, media);
            } catch (MediaUnavailable e) {
                LOG.warn("{} message {}: media {} left out: {}", connection.channel().wireName(), message.externalId(),
                        i + 1, e.reason());
                unavailable.add(new UnavailableMedia(media, e.reason()));
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("media " + (i + 1) + " of message " + message.externalId()
                        + " could not be downloaded", e);
            }
            String fileName = firstNonBlank(content.fileName(), media.fileName(), "file-" + (i + 1));
            String contentType = firstNonBlank(content.contentType(), media.contentType(), DEFAULT_TYPE);
            String key = key(connection, message.externalId(), i, fileName);
            storage.put(key, content.bytes(), contentType);
            stored.add(new StoredMedia(key, fileName, contentType, content.bytes().length));
        }
        return new Result(stored, unavailable);
    }

    /** {@code inbound/<organization>/<connection>/<sha256(externalId)>/<index>-<safe file name>}. */
    static String key(ChannelConnection connection, String externalId, int index, String fileName) {
        return "inbound/" + connection.organizationId() + "/" + connection.id() + "/" + sha256(externalId) + "/"
                + index + "-" + safe(fileName);
    }

    /** A file name as a key segment: letters, digits, dot, dash and underscore; at most {@value #MAX_FILE_NAME} characters. */
    static String safe(String fileName) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (safe.length() > MAX_FILE_NAME) {
            safe = safe.substring(safe.length() - MAX_FILE_NAME); // keep the extension
        }
        return safe.isEmpty() ? "file" : safe;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
