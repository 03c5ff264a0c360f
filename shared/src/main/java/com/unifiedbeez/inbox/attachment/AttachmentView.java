package com.unifiedbeez.inbox.attachment;

import java.util.UUID;

/**
 * A file on a message. {@code url} is a short-lived presigned GET link, given where the caller's
 * function has S3 at hand (message history); null elsewhere.
 */
public record AttachmentView(UUID id, String fileName, String contentType, Long sizeBytes, String status, String url) {
}
