package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.Channel;

/** A message that matched a search: its rank and a snippet with the matches in {@code <mark>} (HTML-escaped). */
public record SearchHitView(MessageView message, Channel channel, double rank, String snippet) {
}
