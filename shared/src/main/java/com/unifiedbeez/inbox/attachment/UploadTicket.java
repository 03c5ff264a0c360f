package com.unifiedbeez.inbox.attachment;

/** The answer to an upload request: the pending attachment and where to PUT its bytes. */
public record UploadTicket(AttachmentView attachment, MediaStorage.PresignedUpload upload) {
}
