package com.unifiedbeez.inbox.attachment;

/** Turns a stored object's key into a download link for a client, or gives none. */
@FunctionalInterface
public interface AttachmentLinks {
    AttachmentLinks NONE = key -> null;

    String url(String s3Key);
}
