package com.unifiedbeez.inbox.inbound;

/** A downloaded inbound file, ready to store in the media bucket. */
public record MediaContent(byte[] bytes, String contentType, String fileName) {
}
