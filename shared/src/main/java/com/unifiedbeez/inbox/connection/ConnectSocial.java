package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Map;

/**
 * POST .../channels/social: a Facebook page for Messenger ({@code platform} "messenger" or
 * "facebook"), or the Instagram professional account linked to a page ("instagram"). Instagram
 * webhooks name the Instagram account, so it is the connection's external id; the page id stays in
 * config because the Send API for Instagram is called through the page.
 */
public record ConnectSocial(String platform, String pageId, String accessToken, String instagramAccountId, String name)
        implements ConnectRequest {
    @Override
    public NewConnection validated() {
        Validation v = new Validation();
        Channel channel = switch (platform == null ? "" : platform.strip()) {
            case "instagram" -> Channel.INSTAGRAM;
            case "messenger", "facebook" -> Channel.MESSENGER;
            case "" -> {
                v.add("platform", "is required");
                yield null;
            }
            default -> {
                v.add("platform", "must be one of instagram, messenger, facebook");
                yield null;
            }
        };
        String page = ConnectFields.digits(v, "pageId", pageId);
        String token = ConnectFields.secret(v, "accessToken", accessToken);
        String instagram = null;
        if (channel == Channel.INSTAGRAM) {
            instagram = ConnectFields.digits(v, "instagramAccountId", instagramAccountId);
        } else if (instagramAccountId != null && channel == Channel.MESSENGER) {
            v.add("instagramAccountId", "is only for platform instagram");
        }
        String externalId = channel == Channel.INSTAGRAM ? instagram : page;
        String label = ConnectFields.name(v, name, (channel == Channel.INSTAGRAM ? "Instagram " : "Messenger ") + externalId);
        v.throwIfInvalid();
        return new NewConnection(channel, externalId, label, Json.mapper().createObjectNode().put("pageId", page),
                new Secrets(Map.of("accessToken", token)));
    }

    /** Never the secret: a logged request must not leak it. */
    @Override
    public String toString() {
        return "ConnectSocial[" + platform + " " + pageId + ", accessToken redacted]";
    }
}
