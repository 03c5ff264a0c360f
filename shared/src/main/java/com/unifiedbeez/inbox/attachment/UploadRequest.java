package com.unifiedbeez.inbox.attachment;

/**
 * POST /api/inbox/messages/upload: declare a file for a conversation. The bytes go straight to S3
 * with the returned presigned URL (API Gateway caps bodies at 10 MB; WhatsApp documents reach 100 MB).
 */
public record UploadRequest(String conversationId, String fileName, String contentType, Long size) {
}
