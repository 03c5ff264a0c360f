package com.unifiedbeez.inbox.attachment;

import com.unifiedbeez.inbox.attachment.AttachmentStore.Upload;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ConstraintViolations;
import com.unifiedbeez.inbox.channel.MediaRules;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.time.Duration;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Media uploads in two steps: {@link #start} checks the file against the conversation's channel
 * and hands out a presigned PUT; {@link #complete} verifies what S3 holds (declared size and type,
 * and the real type from its first bytes) and copies that very version out of the upload area
 * before the file can be sent. Nothing unverified is ever attached to a message, and bytes PUT
 * again with the same URL after verification never reach a customer.
 */
@Singleton
public final class AttachmentUploads {
    static final Duration UPLOAD_TTL = Duration.ofMinutes(15);
    static final Duration DOWNLOAD_TTL = Duration.ofMinutes(60);
    static final int MAX_FILE_NAME = 255;
    /** Where clients PUT (a bucket lifecycle rule expires what stays there) and where verified files live. */
    static final String UPLOAD_AREA = "uploads/";
    static final String VERIFIED_AREA = "attachments/";

    private final Database database;
    private final ConversationStore conversations;
    private final AttachmentStore attachments;
    private final MediaStorage storage;

    @Inject
    public AttachmentUploads(Database database, ConversationStore conversations, AttachmentStore attachments,
                             MediaStorage storage) {
        this.database = database;
        this.conversations = conversations;
        this.attachments = attachments;
        this.storage = storage;
    }

    public UploadTicketView start(Caller caller, UploadRequest request) {
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
            Channel channel = conversation.channel();
            ConstraintViolations.reject(MediaRules.check(channel, type, request.size()).stream().toList());
            UUID id = Ids.newId();
            String key = UPLOAD_AREA + caller.organizationId() + "/" + conversationId + "/" + id + "/" + safeName(fileName);
            attachments.insertPending(c, id, caller.organizationId(), conversationId, caller.userId(), key, fileName, type,
                    request.size());
            return new UploadTicketView(new AttachmentView(id, fileName, type, request.size(), "pending", null),
                    storage.presignPut(key, type, request.size(), UPLOAD_TTL));
        });
    }

    public AttachmentView complete(Caller caller, UUID attachmentId) {
        return database.transaction(c -> {
            var row = attachments.lock(c, caller.organizationId(), attachmentId)
                    .orElseThrow(() -> ApiException.notFound("attachment", attachmentId));
            if ("uploaded".equals(row.status())) {
                return view(attachmentId, row, row.key(), row.declaredSize());
            }
            var stored = storage.head(row.key()).orElseThrow(() -> ApiException.conflict("upload-missing",
                    "no file has been uploaded for attachment " + attachmentId + " yet"));
            if (stored.sizeBytes() != row.declaredSize() || !row.contentType().equalsIgnoreCase(baseType(stored.contentType()))) {
                // Stays pending: the client may PUT the declared file again while the URL is valid.
                throw ApiException.invalid("file", "the uploaded file (" + stored.sizeBytes() + " bytes, " + stored.contentType()
                        + ") is not the one declared (" + row.declaredSize() + " bytes, " + row.contentType() + ")");
            }
            // Every read below is pinned to the version just seen: bytes PUT again meanwhile are not verified.
            byte[] head = storage.readStart(row.key(), stored.etag(), FileTypeCheck.HEAD_BYTES)
                    .orElseThrow(() -> changed(attachmentId));
            var detected = FileTypeCheck.mismatch(row.contentType(), head);
            if (detected.isPresent()) {
                throw ApiException.invalid("file", "the uploaded file is " + detected.get() + " by its content, not the declared "
                        + row.contentType());
            }
            // The verified version moves out of reach of the presigned PUT (still valid for a while):
            // the senders and download links read only this copy.
            String verified = verifiedKey(caller, row, attachmentId);
            if (!storage.copyIfUnchanged(row.key(), stored.etag(), verified)) {
                throw changed(attachmentId);
            }
            attachments.markUploaded(c, attachmentId, stored.sizeBytes(), verified, stored.etag());
            return view(attachmentId, row, verified, stored.sizeBytes());
        });
    }

    private static ApiException changed(UUID attachmentId) {
        return ApiException.conflict("upload-changed", "the file of attachment " + attachmentId
                + " was replaced while it was being verified; complete the upload again");
    }

    private static String verifiedKey(Caller caller, Upload row, UUID attachmentId) {
        return VERIFIED_AREA + caller.organizationId() + "/" + row.conversationId() + "/" + attachmentId + "/"
                + safeName(row.fileName());
    }

    private AttachmentView view(UUID id, Upload row, String key, long size) {
        return new AttachmentView(id, row.fileName(), row.contentType(), size, "uploaded", storage.presignGet(key, DOWNLOAD_TTL));
    }

    /** Loads what verification needs (SnapStart priming). */
    public static void warm() {
        FileTypeCheck.warm();
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
