package com.unifiedbeez.inbox.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypes;

/**
 * What a file really is, from its first bytes, against the type a client declared for it. The
 * magic numbers and the type hierarchy are Apache Tika's (tika-core's MIME database, the one most
 * Java content pipelines use): a declared type passes when the bytes show that type or a narrower
 * one, or a broader family the declared type belongs to and that magic alone cannot split (a .docx
 * is a ZIP, a .csv is text, an MP4 is in the QuickTime family). Bytes that show nothing are
 * refused for a type that has a signature (a "PNG" of zeros), and accepted only for a type without
 * one. Only the name-free magic detector is used: a file name or a declared type is no evidence.
 */
final class FileTypeCheck {
    /** Tika's magic patterns look at most this far into a file. */
    static final int HEAD_BYTES = 64 * 1024;

    private FileTypeCheck() {
    }

    /** Loaded once per container, on first use (or at SnapStart priming): parsing the database takes a while. */
    private static final class Database {
        static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
        static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();
    }

    /** Loads the database now, so a first upload after a (SnapStart) restore does not pay for it. */
    static void warm() {
        detect(new byte[] {'%', 'P', 'D', 'F', '-'});
    }

    /** The detected type when the bytes are not the declared type; empty when they are. */
    static Optional<String> mismatch(String declared, byte[] head) {
        MediaType detected = detect(head);
        MediaType claimed = MediaType.parse(declared);
        if (claimed == null) {
            return Optional.of(detected.toString());
        }
        MediaTypeRegistry registry = Database.REGISTRY;
        claimed = registry.normalize(claimed.getBaseType());
        boolean unknown = detected.equals(MediaType.OCTET_STREAM);
        if (registry.isInstanceOf(detected, claimed)) {
            return Optional.empty();
        }
        MimeType known = registered(claimed);
        if (known == null) {
            // A name Tika does not know (WhatsApp lists video/3gp): the family must agree at least.
            return unknown || detected.getType().equals(claimed.getType()) ? Optional.empty() : Optional.of(detected.toString());
        }
        if (!unknown && registry.isInstanceOf(claimed, detected)) {
            return Optional.empty();
        }
        return unknown && !known.hasMagic() ? Optional.empty() : Optional.of(detected.toString());
    }

    private static MimeType registered(MediaType type) {
        try {
            return Database.TYPES.getRegisteredMimeType(type.toString());
        } catch (org.apache.tika.mime.MimeTypeException e) {
            return null;
        }
    }

    private static MediaType detect(byte[] head) {
        try {
            return Database.TYPES.detect(new ByteArrayInputStream(head), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
