package com.unifiedbeez.inbox.attachment;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ConstraintViolations;
import com.unifiedbeez.inbox.channel.MediaRules;
import com.unifiedbeez.inbox.conversation.ConversationRepository;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.time.Duration;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Media uploads in two steps: {@link #start} checks the file against the conversation's channel
 * and hands out a presigned PUT; {@link #complete} verifies what S3 holds before the file can be
 * sent. Nothing unverified is ever attached to a message.
 */
@Singleton
public final class AttachmentUploads {
    static final Duration UPLOAD_TTL = Duration.ofMinutes(15);
    static final Duration DOWNLOAD_TTL = Duration.ofMinutes(60);
    static final int MAX_FILE_NAME = 255;

    private final Database database;
    private final ConversationRepository conversations;
    private final MediaStorage storage;

    @Inject
    public AttachmentUploads(Database database, ConversationRepository conversations, MediaStorage storage) {
        this.database = database;
        this.conversations = conversations;
        this.storage = storage;
    }

    public UploadTicket start(Caller caller, UploadRequest request) {
        Validation v = new Validation();
        UUID conversationId = v.uuid("conversationId", request.conversationId());
        String fileName = v.text("fileName", request.fileName(), MAX_FILE_NAME);
        String contentType = v.text("contentType", request.contentType(), 255);
        if (contentType != null && !contentType.matches("[\\w.+-]+/[\\w.+-]+")) {
            v.add("contentType", "must be a MIME type such as image/jpeg");
        }
        if (request.size() == null || request.size() <= 0) {
            v.add("size", "must be the file's size in bytes, more than 0");
        }
        v.throwIfInvalid();
        String type = contentType.toLowerCase();
        return database.transaction(c -> {
            var conversation = conversations.require(c, caller.organizationId(), conversationId, false);
            Channel channel = Channel.parse(conversation.channel()).orElseThrow();
            ConstraintViolations.reject(MediaRules.check(channel, type, request.size()).stream().toList());
            UUID id = Ids.newId();
            String key = caller.organizationId() + "/" + conversationId + "/" + id + "/" + safeName(fileName);
            Sql.update(c, """
                    INSERT INTO attachments (id, organization_id, conversation_id, uploaded_by, s3_key, file_name,
                                             content_type, declared_size)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, caller.organizationId(), conversationId, caller.userId(), key, fileName, type, request.size());
            return new UploadTicket(new AttachmentView(id, fileName, type, request.size(), "pending", null),
                    storage.presignPut(key, type, request.size(), UPLOAD_TTL));
        });
    }

    public AttachmentView complete(Caller caller, UUID attachmentId) {
        return database.transaction(c -> {
            var row = Sql.one(c, """
                    SELECT s3_key, file_name, content_type, declared_size, status FROM attachments
                     WHERE organization_id = ? AND id = ? FOR UPDATE""",
                    r -> new Pending(r.getString("s3_key"), r.getString("file_name"), r.getString("content_type"),
                            r.getLong("declared_size"), r.getString("status")),
                    caller.organizationId(), attachmentId)
                    .orElseThrow(() -> ApiException.notFound("attachment", attachmentId));
            if ("uploaded".equals(row.status())) {
                return view(attachmentId, row, row.declaredSize());
            }
            var stored = storage.head(row.key()).orElseThrow(() -> ApiException.conflict("upload-missing",
                    "no file has been uploaded for attachment " + attachmentId + " yet"));
            if (stored.sizeBytes() != row.declaredSize() || !row.contentType().equalsIgnoreCase(baseType(stored.contentType()))) {
                // Stays pending: the client may PUT the declared file again while the URL is valid.
                throw ApiException.invalid("file", "the uploaded file (" + stored.sizeBytes() + " bytes, " + stored.contentType()
                        + ") is not the one declared (" + row.declaredSize() + " bytes, " + row.contentType() + ")");
            }
            Sql.update(c, "UPDATE attachments SET status = 'uploaded', size_bytes = ?, completed_at = now() WHERE id = ?",
                    stored.sizeBytes(), attachmentId);
            return view(attachmentId, row, stored.sizeBytes());
        });
    }

    private record Pending(String key, String fileName, String contentType, long declaredSize, String status) {
    }

    private AttachmentView view(UUID id, Pending row, long size) {
        return new AttachmentView(id, row.fileName(), row.contentType(), size, "uploaded", storage.presignGet(row.key(), DOWNLOAD_TTL));
    }

    /** The links history pages give attachments. */
    public AttachmentLinks links() {
        return key -> storage.presignGet(key, DOWNLOAD_TTL);
    }

    private static String baseType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim();
    }

    /** S3 keys keep to a safe alphabet; the original name stays in the row. */
    static String safeName(String fileName) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 100 ? safe.substring(safe.length() - 100) : safe;
    }
}
