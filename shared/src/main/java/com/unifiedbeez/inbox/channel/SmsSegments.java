package com.unifiedbeez.inbox.channel;

import java.util.Objects;

/**
 * How an SMS body is encoded and into how many billable segments it is cut.
 *
 * <p>Source: Twilio, "How long can a message be?" (twilio.com/docs/glossary/what-sms-character-limit)
 * and "What is UCS-2 character encoding?" (twilio.com/docs/glossary/what-is-ucs-2-character-encoding):
 * a segment is 140 octets; GSM-7 fits 160 characters in a single segment and 153 per segment of a
 * concatenated message (a 6-byte User Data Header is prepended); UCS-2 fits 70 and 67. Twilio falls
 * back to UCS-2 as soon as one character is outside GSM-7.
 *
 * <p>{@code units} is GSM-7 septets (extension characters count 2) or UTF-16 code units (an emoji
 * counts 2). An empty body is 1 segment of 0 units; {@link TextLimits} rejects it, not this class.
 */
public record SmsSegments(String encoding, int segments, int units) {
    public static final String GSM_7 = "GSM-7";
    public static final String UCS_2 = "UCS-2";

    static final int GSM7_SINGLE = 160;
    static final int GSM7_CONCATENATED = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_CONCATENATED = 67;

    /**
     * GSM 03.38 / 3GPP TS 23.038 default alphabet, 127 characters (0x1B is the escape, not a
     * character). Note 0x09 is capital 'Ç' only: lower-case 'ç' is not in GSM-7 and forces UCS-2.
     * Table as reproduced in the Siemens TC35 AT command set, section 7.10 "Alphabet tables".
     */
    static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    /** Extension table: each is sent as ESC + code, so it costs 2 septets; '\f' is form feed. */
    static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    public static SmsSegments of(String text) {
        Objects.requireNonNull(text, "text");
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0);
    }

    private static SmsSegments gsm7(String text) {
        int[] costs = text.chars().map(c -> GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1).toArray();
        return new SmsSegments(GSM_7, pack(costs, GSM7_SINGLE, GSM7_CONCATENATED), sum(costs));
    }

    private static SmsSegments ucs2(String text) {
        // One cost per code point: a surrogate pair (emoji) is 2 units that must stay together.
        int[] costs = text.codePoints().map(Character::charCount).toArray();
        return new SmsSegments(UCS_2, pack(costs, UCS2_SINGLE, UCS2_CONCATENATED), sum(costs));
    }

    /**
     * Fills segments greedily; an indivisible unit (escape pair, surrogate pair) that does not fit
     * moves whole to the next segment, which is why this can exceed ceil(units / perSegment).
     */
    private static int pack(int[] costs, int single, int perSegment) {
        if (sum(costs) <= single) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > perSegment) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return segments;
    }

    private static int sum(int[] costs) {
        int total = 0;
        for (int cost : costs) {
            total += cost;
        }
        return total;
    }
}
