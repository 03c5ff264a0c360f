package com.unifiedbeez.inbox.settings;

import com.unifiedbeez.inbox.channel.Channel;
import java.util.List;

/**
 * What is appended to an agent's outbound messages on {@code channels}. On email it goes to both
 * alternatives: {@code text} to the plain part, {@code html} (or {@code text} made HTML) to the
 * HTML part.
 */
public record Signature(boolean enabled, String text, String html, List<String> channels) {
    public boolean appliesTo(Channel channel) {
        return enabled && !text.isBlank() && channels.contains(channel.wireName());
    }
}
