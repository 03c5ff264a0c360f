package com.unifiedbeez.inbox.channel.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/** A mail address as we put it in a header: parsed strictly, with its display name in UTF-8 when it has one. */
public final class MailAddress {
    private MailAddress() {
    }

    public static InternetAddress of(String address, String name) throws AddressException {
        InternetAddress parsed = new InternetAddress(address, true);
        if (name != null && !name.isBlank()) {
            try {
                parsed.setPersonal(name, StandardCharsets.UTF_8.name());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e); // UTF-8 is always there
            }
        }
        return parsed;
    }
}
