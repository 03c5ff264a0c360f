package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.Locale;
import java.util.regex.Pattern;

/** The field rules connect requests share; each records its error on the Validation and returns the clean value. */
final class ConnectFields {
    static final int MAX_NAME = 200;
    private static final int MAX_SECRET = 4096;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,32}");
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s<>()\\[\\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private ConnectFields() {
    }

    /** The optional display name, or the default when absent. */
    static String name(Validation v, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return v.text("name", value, MAX_NAME);
    }

    /** A platform's numeric id (phone-number id, WABA id, page id, Instagram account id). */
    static String digits(Validation v, String field, String value) {
        return matching(v, field, value, DIGITS, "must be the platform's numeric id");
    }

    /** A token or password: required, no whitespace; the message never repeats the value. */
    static String secret(Validation v, String field, String value) {
        if (value == null || value.isEmpty()) {
            v.add(field, "is required");
            return null;
        }
        if (value.length() > MAX_SECRET) {
            v.add(field, "is longer than " + MAX_SECRET + " characters");
        } else if (value.chars().anyMatch(Character::isWhitespace)) {
            v.add(field, "must not contain whitespace");
        }
        return value;
    }

    static String phone(Validation v, String field, String value) {
        return matching(v, field, value, E164, "must be an E.164 phone number, e.g. +14155550100");
    }

    /** A mailbox address, lower-cased: it is the connection's external id. */
    static String email(Validation v, String field, String value) {
        String clean = matching(v, field, value, EMAIL, "must be an email address");
        if (clean != null && clean.length() > 254) {
            v.add(field, "is longer than 254 characters");
        }
        return clean == null ? null : clean.toLowerCase(Locale.ROOT);
    }

    static String host(Validation v, String field, String value) {
        String clean = matching(v, field, value, HOST, "must be a host name, e.g. imap.example.com (no scheme, no port)");
        return clean == null ? null : clean.toLowerCase(Locale.ROOT);
    }

    static int port(Validation v, String field, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 65535) {
            v.add(field, "must be a port between 1 and 65535");
        }
        return value;
    }

    static String matching(Validation v, String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isBlank()) {
            v.add(field, "is required");
            return null;
        }
        String clean = value.strip();
        if (!pattern.matcher(clean).matches()) {
            v.add(field, rule);
            return null;
        }
        return clean;
    }
}
