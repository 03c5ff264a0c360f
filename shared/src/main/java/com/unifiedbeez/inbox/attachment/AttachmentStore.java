package com.unifiedbeez.inbox.attachment;

import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The attachment aggregate's store, the only writer of {@code attachments}: an agent's upload
 * (pending, then verified), a customer's media copied in by the inbound pipeline, and the link of
 * uploaded files to the message that sends them. The services decide; this class writes.
 */
@Singleton
public final class AttachmentStore {
    @Inject
    public AttachmentStore() {
    }

    /** An upload in progress, as {@link AttachmentUploads#complete} verifies it. */
    public record Upload(UUID conversationId, String key, String fileName, String contentType, long declaredSize,
                         String status) {
    }

    /** An agent's upload announced, {@code pending} until its file is verified. */
    public void insertPending(Connection c, UUID id, UUID organizationId, UUID conversationId, UUID uploadedBy,
                              String key, String fileName, String contentType, long declaredSize) throws SQLException {
        Sql.update(c, """
                INSERT INTO attachments (id, organization_id, conversation_id, uploaded_by, s3_key, file_name,
                                         content_type, declared_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                id, organizationId, conversationId, uploadedBy, key, fileName, contentType, declaredSize);
    }

    /** The organization's upload, locked until the transaction ends so two completions do not race. */
    public Optional<Upload> lock(Connection c, UUID organizationId, UUID id) throws SQLException {
        return Sql.one(c, """
                SELECT conversation_id, s3_key, file_name, content_type, declared_size, status FROM attachments
                 WHERE organization_id = ? AND id = ? FOR UPDATE""",
                r -> new Upload(Sql.uuid(r, "conversation_id"), r.getString("s3_key"), r.getString("file_name"),
                        r.getString("content_type"), r.getLong("declared_size"), r.getString("status")),
                organizationId, id);
    }

    /** The upload's file passed verification: its verified copy (and the version that was checked) is the one sent. */
    public void markUploaded(Connection c, UUID id, long sizeBytes, String verifiedKey, String verifiedEtag)
            throws SQLException {
        Sql.update(c, """
                UPDATE attachments SET status = 'uploaded', size_bytes = ?, s3_key = ?, completed_at = now(),
                       metadata = metadata || jsonb_build_object('verifiedEtag', ?::text)
                 WHERE id = ?""",
                sizeBytes, verifiedKey, verifiedEtag, id);
    }

    /** A customer's file, already copied to the bucket by the inbound pipeline: uploaded from the start. */
    public AttachmentView insertInbound(Connection c, UUID organizationId, UUID conversationId, UUID messageId,
                                        String key, String fileName, String contentType, long sizeBytes)
            throws SQLException {
        UUID id = Ids.newId();
        Sql.update(c, """
                INSERT INTO attachments (id, organization_id, conversation_id, message_id, s3_key, file_name, content_type,
                                         declared_size, size_bytes, status, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'uploaded', now())""",
                id, organizationId, conversationId, messageId, key, fileName, contentType, sizeBytes, sizeBytes);
        // As a message's attachments are read back without links (AttachmentLinks.NONE).
        return new AttachmentView(id, fileName, contentType, sizeBytes, "uploaded", null);
    }

    /** The organization's uploads (checked by the sender's drafts) go out with this message. */
    public void attach(Connection c, UUID organizationId, UUID messageId, List<UUID> attachmentIds) throws SQLException {
        Sql.update(c, "UPDATE attachments SET message_id = ? WHERE organization_id = ? AND id = ANY(?::uuid[])",
                messageId, organizationId, attachmentIds);
    }

    /**
     * Forgets the organization's attachments whose files retention has deleted from the bucket
     * (retention.RetentionSweeper); how many rows went.
     */
    public int delete(Connection c, UUID organizationId, Collection<UUID> ids) throws SQLException {
        return Sql.update(c, "DELETE FROM attachments WHERE organization_id = ? AND id = ANY(?::uuid[])",
                organizationId, ids);
    }
}
