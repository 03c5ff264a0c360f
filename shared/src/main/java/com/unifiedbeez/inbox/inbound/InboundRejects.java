package com.unifiedbeez.inbox.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a record that can never be stored goes instead of the dead-letter queue, so it holds no
 * customer's later messages: the media bucket, under
 * {@code inbound-rejected/<organization>/<yyyy-mm-dd>/<sha256 of the body>[-<event>].json}, with
 * the reason, plus an ERROR log line naming the key (the payload itself is not logged: it is the
 * customer's). Nothing is lost: a person (or a fixed normalizer) can replay it from there. The key
 * is the body's digest, so a redelivered record overwrites its own copy. When the bucket cannot
 * take it, the failure is the caller's to retry.
 */
@Singleton
public final class InboundRejects {
    private static final Logger LOG = LoggerFactory.getLogger(InboundRejects.class);
    public static final String PREFIX = "inbound-rejected/";

    private final MediaStorage storage;
    private final Clock clock;

    @Inject
    public InboundRejects(MediaStorage storage) {
        this(storage, Clock.systemUTC());
    }

    InboundRejects(MediaStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** A whole record: {@code envelope} when it could be read (else null), {@code body} as queued. */
    public String setAside(String recordId, InboundEnvelope envelope, String body, Throwable reason) {
        return put(recordId, envelope, envelope != null && envelope.payload() != null ? envelope.payload() : body,
                -1, reason);
    }

    /** One event of a record (the {@code index}-th the normalizer gave), the rest of which was stored. */
    public String setAside(String recordId, InboundEnvelope envelope, int index, Throwable reason) {
        return put(recordId, envelope, envelope.payload(), index, reason);
    }

    private String put(String recordId, InboundEnvelope envelope, String body, int index, Throwable reason) {
        String text = body == null ? "" : body;
        String owner = envelope == null || envelope.organizationId() == null ? "unknown" : envelope.organizationId().toString();
        String key = PREFIX + owner + "/" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "/" + sha256(text)
                + (index >= 0 ? "-" + index : "") + ".json";
        ObjectNode record = Json.mapper().createObjectNode()
                .put("reason", describe(reason))
                .put("recordId", recordId)
                .put("rejectedAt", clock.instant().toString());
        if (index >= 0) {
            record.put("event", index);
        }
        if (envelope != null) {
            record.put("channel", envelope.channel())
                    .put("connectionId", String.valueOf(envelope.connectionId()))
                    .put("organizationId", String.valueOf(envelope.organizationId()))
                    .put("customer", envelope.customer())
                    .put("receivedAt", String.valueOf(envelope.receivedAt()));
        }
        record.put("body", text);
        storage.put(key, Json.write(record).getBytes(StandardCharsets.UTF_8), "application/json");
        LOG.error("inbound record {}{} set aside, not retried (it can never be stored): {}; kept at {}", recordId,
                index >= 0 ? " event " + index : "", firstLine(reason), key);
        return key;
    }

    /** The log's reason: the first line only (PostgreSQL's detail lines quote the row, the customer's data). */
    private static String firstLine(Throwable reason) {
        String text = describe(reason);
        int end = text.indexOf('\n');
        text = end < 0 ? text : text.substring(0, end);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String describe(Throwable reason) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = reason; t != null && text.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return text.toString();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
