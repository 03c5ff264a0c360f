package com.unifiedbeez.inbox.conversation;

/** What a bulk action changed: of the conversations named, how many it changed. */
public record BulkResultView(int requested, int updated) {
}
