package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The six channels a conversation can live on; the lower-case name is the wire and column value. */
public enum Channel {
    WHATSAPP, EMAIL, INSTAGRAM, MESSENGER, TELEGRAM, SMS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Channel::wireName).toList());
    }
}
