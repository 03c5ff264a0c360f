package com.unifiedbeez.inbox.channel.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A multipart/form-data body (RFC 7578), how the Bot API takes uploaded files: java.net.http has
 * no publisher for it. The boundary is 128 random bits per form, so it cannot occur in a file by
 * accident. File bytes are not copied: the body is the chunks in order, with a known length.
 */
final class MultipartForm {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = "\r\n".getBytes(UTF_8);

    private final String boundary;
    private final List<byte[]> chunks = new ArrayList<>();

    MultipartForm() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "unifiedbeez-" + HexFormat.of().formatHex(random);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    MultipartForm field(String name, String value) {
        head("form-data; name=\"" + quote(name) + "\"", null);
        chunks.add(value.getBytes(UTF_8));
        chunks.add(CRLF);
        return this;
    }

    MultipartForm file(String name, String fileName, String contentType, byte[] bytes) {
        if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a content type cannot span lines");
        }
        head("form-data; name=\"" + quote(name) + "\"; filename=\"" + quote(fileName) + "\"", contentType);
        chunks.add(bytes);
        chunks.add(CRLF);
        return this;
    }

    BodyPublisher publisher() {
        List<BodyPublisher> parts = new ArrayList<>(chunks.size() + 1);
        chunks.forEach(chunk -> parts.add(BodyPublishers.ofByteArray(chunk)));
        parts.add(BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(UTF_8)));
        // concat knows the total length, so the request has a Content-Length rather than chunks.
        return BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
    }

    private void head(String disposition, String contentType) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: ").append(disposition).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        chunks.add(head.append("\r\n").toString().getBytes(UTF_8));
    }

    /** Names and file names as browsers send them (WHATWG "multipart/form-data encoding"): UTF-8, ", CR, LF escaped. */
    static String quote(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
