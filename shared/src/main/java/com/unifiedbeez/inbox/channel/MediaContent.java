package com.unifiedbeez.inbox.channel;

/** A downloaded inbound file, ready to store in the media bucket. */
public record MediaContent(byte[] bytes, String contentType, String fileName) {
    public MediaContent {
        contentType = PlatformText.clean(contentType);
        fileName = PlatformText.clean(fileName);
    }
}
