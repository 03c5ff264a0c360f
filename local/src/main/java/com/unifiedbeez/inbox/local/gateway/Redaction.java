package com.unifiedbeez.inbox.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the local runtime may print of a URL: a Telegram bot token in a Bot API path
 * ({@code /bot<id>:<secret>/sendMessage}) keeps its bot id only, and the values of query parameters
 * that carry secrets ({@code hub.verify_token}, {@code secret_token}, {@code access_token}, ...)
 * become {@value #HIDDEN}. Used for every log line and sandbox outbox entry that shows a request.
 */
public final class Redaction {
    public static final String HIDDEN = "***";
    /** A bot token is {@code <bot id>:<35 characters>}; the id is public, the rest is the secret. */
    private static final Pattern BOT_TOKEN = Pattern.compile("(/bot\\d+):[^/?#]+");
    private static final Pattern BOT_TOKEN_ENCODED = Pattern.compile("(/bot\\d+)%3[aA][^/?#]+");
    /** Parameter names (lower case) whose values are credentials. */
    private static final Set<String> SECRET_PARAMETERS = Set.of("hub.verify_token", "verify_token", "secret_token",
            "access_token", "token", "auth_token", "authtoken", "password", "client_secret", "api_key", "apikey",
            "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token");

    private Redaction() {
    }

    /** A path with any bot token cut to its bot id. */
    public static String path(String path) {
        if (path == null) {
            return null;
        }
        String cut = BOT_TOKEN.matcher(path).replaceAll("$1:" + HIDDEN);
        return BOT_TOKEN_ENCODED.matcher(cut).replaceAll("$1:" + HIDDEN);
    }

    /** A raw query string with the values of secret parameters hidden (names and order kept). */
    public static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringBuilder out = new StringBuilder();
        for (String pair : rawQuery.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            out.append(name);
            if (eq >= 0) {
                out.append('=').append(isSecret(name) ? HIDDEN : pair.substring(eq + 1));
            }
        }
        return out.toString();
    }

    /** {@code path} and, when there is one, {@code ?query}, both redacted. */
    public static String target(String path, String rawQuery) {
        return path(path) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + query(rawQuery));
    }

    /** A whole URL ({@code scheme://host/path?query}) redacted. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? path(url) : path(url.substring(0, q)) + "?" + query(url.substring(q + 1));
    }

    /** True for a parameter whose value is a credential. */
    public static boolean isSecret(String parameterName) {
        String name;
        try {
            name = URLDecoder.decode(parameterName, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            name = parameterName;
        }
        return SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
    }
}
