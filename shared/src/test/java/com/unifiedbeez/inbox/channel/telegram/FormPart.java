package com.unifiedbeez.inbox.channel.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * One part of a multipart/form-data body as a server reads it: with OkHttp's MultipartReader, a
 * parser independent of {@link MultipartForm}.
 */
record FormPart(String disposition, String contentType, byte[] bytes) {
    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<FormPart> of(RecordedRequest request) {
        return of(request.getHeaders().get("Content-Type"), request.getBody());
    }

    static List<FormPart> of(String contentType, ByteString body) {
        String boundary = MediaType.get(contentType).parameter("boundary");
        List<FormPart> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
            for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
                parts.add(new FormPart(part.headers().get("Content-Disposition"), part.headers().get("Content-Type"),
                        part.body().readByteArray()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }
}
