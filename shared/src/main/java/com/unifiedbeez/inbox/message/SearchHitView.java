package com.unifiedbeez.inbox.message;

/** A message that matched a search: its rank and a snippet with the matches in {@code <mark>} (HTML-escaped). */
public record SearchHitView(MessageView message, String channel, double rank, String snippet) {
}
