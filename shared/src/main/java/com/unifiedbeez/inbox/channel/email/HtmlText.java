package com.unifiedbeez.inbox.channel.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HTML to readable text and back, crudely and on purpose: enough for a preview and for search of an
 * HTML-only mail, and for the HTML alternative of a plain-text reply. Not a sanitizer.
 */
public final class HtmlText {
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)</(p|h[1-6]|table|ul|ol)\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(div|li|tr)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n([ \\t]*\\n)+");

    private HtmlText() {
    }

    static String of(String html) {
        String text = HIDDEN.matcher(html).replaceAll("");
        text = PARAGRAPH.matcher(text).replaceAll("\n\n");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return BLANK_LINES.matcher(text.replace("\r\n", "\n")).replaceAll("\n\n").strip();
    }

    /** Plain text as an HTML document: escaped, line breaks as {@code <br>}. */
    static String fromText(String text) {
        return "<html><body>" + lines(text) + "</body></html>";
    }

    /** Text made safe inside an HTML element or a quoted attribute: {@code & < > " '} escaped. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** Plain text as an HTML fragment: escaped, line breaks as {@code <br>}. */
    public static String lines(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    /** {@code html} with a signature block at the end of its body (after it, when it has no body tag). */
    static String withSignature(String html, String signature) {
        String block = "<br>\n<div class=\"signature\">" + signature + "</div>";
        int end = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + block : html.substring(0, end) + block + html.substring(end);
    }
}
