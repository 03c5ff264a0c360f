package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import com.unifiedbeez.inbox.channel.Channel;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people who wrote to a page or Instagram account through the sandbox, by their scoped id
 * (PSID, IGSID), as the User Profile API tells of them: the name the sandbox inbound request gave
 * and a picture. Scoped ids are per account, as on Meta: another page's token does not see them.
 */
final class CustomerProfiles {
    /** What is known of one customer; {@code pictureUrl} is a sandbox media URL. */
    record Profile(String name, String pictureUrl) {
    }

    private final Map<String, Profile> byAccountAndId = new ConcurrentHashMap<>();

    void remember(String accountId, String scopedId, String name, String pictureUrl) {
        byAccountAndId.put(accountId + "/" + scopedId, new Profile(name, pictureUrl));
    }

    Optional<Profile> find(String accountId, String scopedId) {
        return Optional.ofNullable(byAccountAndId.get(accountId + "/" + scopedId));
    }

    /**
     * Every field the User Profile API offers for the channel: Messenger's first_name, last_name,
     * profile_pic (developers.facebook.com/documentation/business-messaging/messenger-platform/identity/user-profile),
     * Instagram's name, username, profile_pic
     * (developers.facebook.com/documentation/business-messaging/instagram-messaging/features/user-profile).
     */
    static Map<String, Object> fields(Channel channel, String scopedId, Profile p) {
        if (channel == Channel.INSTAGRAM) {
            String username = p.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
            return obj("name", p.name(), "username", username.isEmpty() ? "user" + scopedId : username,
                    "profile_pic", p.pictureUrl(), "id", scopedId);
        }
        String name = p.name().strip();
        int space = name.indexOf(' ');
        return obj("first_name", space < 0 ? name : name.substring(0, space),
                "last_name", space < 0 ? "" : name.substring(space + 1).strip(),
                "profile_pic", p.pictureUrl(), "id", scopedId);
    }
}
