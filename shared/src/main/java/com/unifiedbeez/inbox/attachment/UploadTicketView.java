package com.unifiedbeez.inbox.attachment;

/** The answer to an upload request: the pending attachment and where to PUT its bytes. */
public record UploadTicketView(AttachmentView attachment, MediaStorage.PresignedUpload upload) {
}
