package com.unifiedbeez.inbox.local.gateway;

import java.util.List;
import java.util.Map;

/** Header lines in order, where a name may repeat; HTTP header names compare case-insensitively. */
final class HeaderLines {
    private HeaderLines() {
    }

    /** The first value of a header, or null. */
    static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
